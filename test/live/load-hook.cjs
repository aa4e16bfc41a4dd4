// Preloaded with `node --require`: on exit, writes the oci-* modules the process loaded to
// $OKE_CNI_LOAD_LOG. The bundle is CommonJS, so everything it requires lands in require.cache.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((path) => /[\\/]node_modules[\\/]oci-[^\\/]+[\\/]/.test(path));
  writeFileSync(process.env.OKE_CNI_LOAD_LOG, JSON.stringify(loaded));
});
