/**
 * The geometry of an exported image, in board units: which part of a board it shows
 * (the whole board, one cluster's frame, or the ranking list), the margin around it,
 * and the largest scale that keeps the image within the pixel budget.
 *
 * Limits: the budget (MAX_IMAGE_PIXELS) keeps a file a person can open and send; a
 * board larger than that at the asked scale is drawn smaller, and the caller says so.
 */
import type { BoardView } from '../board-gestures.ts'
import { boardOf, frameOf } from '../board-gestures.ts'
import type { Rect } from '../layout.ts'
import { noteRect, union } from '../layout.ts'
import type { Workshop } from '../model.ts'
import { byVotes } from './report.ts'

/** What an image shows. */
export type ImageTarget =
  | { kind: 'board'; promptId: string }
  | { kind: 'cluster'; promptId: string; clusterId: string }
  | { kind: 'ranking'; promptId: string }

/** The scales offered: screen size, and twice and four times for print. */
export const IMAGE_SCALES = [1, 2, 4] as const

/** Most pixels in one exported image (about 100 megapixels, e.g. 10,000 × 10,000). */
export const MAX_IMAGE_PIXELS = 100_000_000
/** Longest side of an exported image; common viewers open up to this. */
export const MAX_IMAGE_SIDE = 60_000

/** Space around the content, in board units. */
export const IMAGE_MARGIN = 48
/** Narrowest content, so the title has room. */
export const MIN_IMAGE_WIDTH = 900

/** Height of one row of the ranking image. */
export const RANKING_ROW = 76
/** Width of the ranking image. */
export const RANKING_WIDTH = 1500

/** Everything drawn on a board: loose notes and cluster frames. */
export function boardContent(board: BoardView): Rect | null {
  return union([
    ...board.notes.filter((n) => n.clusterId === null).map(noteRect),
    ...board.clusters.map((c) => frameOf(board, c)),
  ])
}

/**
 * The content of an image in board units (before the title and the margins): the
 * board's drawing, one cluster's frame, or the ranking list. An empty board gives a
 * small empty area.
 */
export function imageContent(doc: Workshop, target: ImageTarget): Rect {
  const board = boardOf(doc, target.promptId)
  switch (target.kind) {
    case 'board':
      return boardContent(board) ?? { x: 0, y: 0, width: MIN_IMAGE_WIDTH, height: 200 }
    case 'cluster': {
      const cluster = doc.clusters[target.clusterId]
      if (!cluster) return { x: 0, y: 0, width: MIN_IMAGE_WIDTH, height: 200 }
      return frameOf(board, cluster)
    }
    case 'ranking':
      return {
        x: 0,
        y: 0,
        width: RANKING_WIDTH,
        height: Math.max(1, rankedClusters(doc, target.promptId).length) * RANKING_ROW,
      }
  }
}

/** The clusters of a prompt's board in ranking order (votes, then board order). */
export function rankedClusters(doc: Workshop, promptId: string) {
  return byVotes(boardOf(doc, promptId).clusters)
}

/** True when a prompt's board has a ranking to show: a cluster with at least one vote. */
export function hasRanking(doc: Workshop, promptId: string): boolean {
  return boardOf(doc, promptId).clusters.some((c) => c.votes > 0)
}

/** The scale an image of `width` × `height` board units is drawn at, given the one asked for. */
export function fitScale(width: number, height: number, asked: number): number {
  const byArea = Math.sqrt(MAX_IMAGE_PIXELS / Math.max(1, width * height))
  const bySide = MAX_IMAGE_SIDE / Math.max(1, width, height)
  return Math.min(asked, byArea, bySide)
}

/** An image's size in pixels at a scale (whole pixels, at least 1). */
export function pixelSize(width: number, height: number, scale: number) {
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}
