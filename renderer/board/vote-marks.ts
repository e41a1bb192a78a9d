/**
 * The dots of a vote drawn on the board: a pill of large round marks, one per dot up to
 * five, with the count beside them in bold, so the back of a room can count them and
 * nobody has to. Made only for a cluster or note that holds dots (a board of 10,000
 * notes with a handful of voted themes draws a handful of marks), and redrawn only when
 * its count changes.
 * Limits: past five dots the marks stop growing and the number carries the count; where
 * there is no room (a narrow title bar, a note) one dot and the number stand for them all.
 */
import Konva from 'konva'
import {
  BOARD_FONT,
  VOTE_DOT,
  VOTE_DOT_EDGE,
  VOTE_PILL,
  VOTE_PILL_EDGE,
  VOTE_TEXT,
} from './palette.ts'

/** The most round marks drawn; beyond this the number alone carries the count. */
export const MAX_MARKS = 5
/** The pill's height in board units (the marks are drawn to it). */
export const MARK_HEIGHT = 48
const RADIUS = 13
const STEP = 32
const PAD = 12
const COUNT_SIZE = 32

/** A pill of dot marks and the count, and the count it shows. */
export interface VoteMark {
  group: Konva.Group
  back: Konva.Rect
  dots: Konva.Circle[]
  count: Konva.Text
  votes: number
  /** One dot and the count, where there is no room for a dot per vote. */
  compact: boolean
}

/** Draws the marks for `votes` dots (more than 0). */
export function createVoteMark(votes: number): VoteMark {
  const group = new Konva.Group({ listening: false, name: 'vote-mark' })
  const back = new Konva.Rect({
    height: MARK_HEIGHT,
    cornerRadius: MARK_HEIGHT / 2,
    fill: VOTE_PILL,
    stroke: VOTE_PILL_EDGE,
    strokeWidth: 2,
    perfectDrawEnabled: false,
    shadowForStrokeEnabled: false,
  })
  const count = new Konva.Text({
    height: MARK_HEIGHT,
    fontFamily: BOARD_FONT,
    fontSize: COUNT_SIZE,
    fontStyle: '800',
    fill: VOTE_TEXT,
    verticalAlign: 'middle',
    wrap: 'none',
    perfectDrawEnabled: false,
  })
  group.add(back, count)
  const mark: VoteMark = { group, back, dots: [], count, votes: 0, compact: false }
  setVoteMark(mark, votes)
  return mark
}

/** Brings the marks in line with a new count (more than 0), one dot only when `compact`. */
export function setVoteMark(mark: VoteMark, votes: number, compact = mark.compact): void {
  if (mark.votes === votes && mark.compact === compact) return
  mark.votes = votes
  mark.compact = compact
  const shown = compact ? 1 : Math.min(votes, MAX_MARKS)
  while (mark.dots.length < shown) {
    const dot = new Konva.Circle({
      y: MARK_HEIGHT / 2,
      radius: RADIUS,
      fill: VOTE_DOT,
      stroke: VOTE_DOT_EDGE,
      strokeWidth: 2,
      perfectDrawEnabled: false,
      shadowForStrokeEnabled: false,
    })
    mark.dots.push(dot)
    mark.group.add(dot)
  }
  mark.dots.forEach((dot, i) => {
    dot.visible(i < shown)
    dot.x(PAD + RADIUS + i * STEP)
  })
  mark.count.text(String(votes))
  mark.count.x(PAD + (shown - 1) * STEP + RADIUS * 2 + 10)
  mark.back.width(mark.count.x() + mark.count.width() + PAD + 2)
}

/** The pill's width in board units for `votes` dots, before any scaling. */
export function voteMarkWidthFor(votes: number, compact: boolean): number {
  const shown = compact ? 1 : Math.min(votes, MAX_MARKS)
  const digits = String(votes).length
  return PAD + (shown - 1) * STEP + RADIUS * 2 + 10 + digits * COUNT_SIZE * 0.62 + PAD + 2
}

/** The pill's width in board units, before any scaling. */
export function voteMarkWidth(mark: VoteMark): number {
  return mark.back.width()
}
