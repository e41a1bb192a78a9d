/**
 * Whether a process on this machine still runs: what tells a crashed writer's lock and
 * temp files from a live one's.
 *
 * Limits: this machine only; a pid can be reused by an unrelated process (see
 * file-lock.ts for how a lock tells that apart).
 */

/** True when process `pid` exists on this machine (even one owned by another user). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0) // signal 0 checks without sending anything
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
