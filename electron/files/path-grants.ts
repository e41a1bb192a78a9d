/**
 * The paths the main process has granted: the only workshop files a page may open.
 * A path is granted when the user chose it (an open or save dialog), when it came from
 * the desktop (a double-click, a command line, macOS open-file), from the recent list,
 * or when the app itself created it. A path the page makes up is never granted.
 *
 * Each grant holds the path as given and, when it exists then, its real path (symlinks
 * and `..` resolved): the checked read compares the real path of what it is about to
 * read with this set, so a granted name later pointed elsewhere is refused.
 *
 * Plain Node, no Electron import. Limits: grants last for the process; Windows paths
 * compare without case, other systems with it.
 */
import { realpath } from 'node:fs/promises'
import { resolve } from 'node:path'

/** True when `path` names something on another machine (a UNC or device path on Windows). */
export function isNetworkPath(path: string, platform: NodeJS.Platform = process.platform): boolean {
  // \\server\share, //server/share, and the \\?\ and \\.\ forms that can reach either.
  return platform === 'win32' && /^[\\/]{2}/.test(path)
}

/** A set of granted paths. */
export class PathGrants {
  private readonly keys = new Set<string>()
  private readonly platform: NodeJS.Platform

  constructor(platform: NodeJS.Platform = process.platform) {
    this.platform = platform
  }

  private key(path: string): string {
    const absolute = resolve(path)
    return this.platform === 'win32' ? absolute.toLowerCase() : absolute
  }

  /**
   * Grants `path`, and its real path when it exists now. A network path is never granted:
   * resolving it would already reach out to the other machine.
   */
  async grant(path: string): Promise<void> {
    if (isNetworkPath(path, this.platform)) return
    this.keys.add(this.key(path))
    try {
      const real = await realpath(path)
      if (!isNetworkPath(real, this.platform)) this.keys.add(this.key(real))
    } catch {
      // Not there (yet): the path itself is granted; reading it will check again.
    }
  }

  /** True when `path` itself was granted (its spelling, made absolute; no disk access). */
  has(path: string): boolean {
    return !isNetworkPath(path, this.platform) && this.keys.has(this.key(path))
  }
}
