/** Standard input as an input file (`terraform show -json plan.out | oke-cni lint -`), size-bounded like a file. */
import { isatty } from 'node:tty';
import { readDescriptorBounded, waitForPipe, type BytesRead } from '../sources/file/read.js';

export function readStdinBounded(maxBytes: number, planMaxBytes = maxBytes): BytesRead {
  // process.stdin is never touched: creating it would switch a pipe to non-blocking reads.
  if (isatty(0)) return { ok: false, reason: 'standard input is a terminal; pipe the input in, e.g. terraform show -json plan.out | oke-cni lint -' };
  // A pipe left non-blocking by the parent answers EAGAIN until data arrives: wait and read again.
  return readDescriptorBounded(0, maxBytes, waitForPipe, 0, planMaxBytes);
}
