/**
 * What an exported image draws, as Konva nodes made on demand for one region at a time:
 * a title (the prompt's sentence, with a cluster's name in its blank for a cluster image),
 * the workshop's name and date, then the board's cluster frames and notes, one cluster
 * and its notes, or the ranking list. Notes and frames are filed in horizontal bands so a
 * tile of a 5,000-note board finds its few dozen items without looking at the rest.
 *
 * Drawn the way the board draws them (palette, colour marks, ×N badges, face-down backs
 * that never show the words), on the board's tint or on white for print.
 * Limits: the light look only (the app has no other theme yet); names longer than a
 * frame's title bar are cut with an ellipsis, as on the board.
 */
import Konva from 'konva'
import { boardOf } from '../../core/board-gestures.ts'
import type { Rect } from '../../core/layout.ts'
import { NOTE_HEIGHT, NOTE_WIDTH, clusterRect, intersects, noteRect } from '../../core/layout.ts'
import type { Cluster, Note, Workshop } from '../../core/model.ts'
import type { ImageTarget } from '../../core/export/image-bounds.ts'
import {
  IMAGE_MARGIN,
  MIN_IMAGE_WIDTH,
  RANKING_ROW,
  RANKING_WIDTH,
  imageContent,
  rankedClusters,
} from '../../core/export/image-bounds.ts'
import { fillBlank } from '../../core/export/report.ts'
import { markShape } from '../board/color-marks.ts'
import { BOARD_FONT, PRINT_PALETTE } from '../board/palette.ts'
import { textDirection } from '../board/text-direction.ts'

/** The page behind the drawing: the board's tint, or white paper for print. */
export type ImageBackground = 'board' | 'white'

// Exports keep the light theme's colours whatever theme the screen is in.
const {
  clusterTint: CLUSTER_TINT,
  noteBack: NOTE_BACK,
  noteBackText: NOTE_BACK_TEXT,
  noteEdge: NOTE_EDGE,
  noteFill: NOTE_FILL,
  noteShade: NOTE_SHADE,
  noteText: NOTE_TEXT,
} = PRINT_PALETTE

const BACKGROUND: Record<ImageBackground, string> = { board: '#efece5', white: '#ffffff' }
const TITLE_SIZE = 44
const SUBTITLE_SIZE = 24
const TITLE_GAP = 36
const BAND = 1024

type Item =
  | { kind: 'note'; rect: Rect; note: Note }
  | { kind: 'cluster'; rect: Rect; cluster: Cluster }
  | { kind: 'rank'; rect: Rect; cluster: Cluster; rank: number; count: number; max: number }

/** The scene of one exported image, in board units. */
export class ImageScene {
  /** The whole image, title and margins included. */
  readonly bounds: Rect
  readonly background: string
  private readonly title: string
  private readonly subtitle: string
  private readonly titleHeight: number
  private readonly bands = new Map<number, Item[]>()

  constructor(doc: Workshop, target: ImageTarget, background: ImageBackground) {
    this.background = BACKGROUND[background]
    const prompt = doc.prompts.find((p) => p.id === target.promptId) ?? doc.prompts[0]!
    const content = imageContent(doc, target)
    const cluster = target.kind === 'cluster' ? doc.clusters[target.clusterId] : undefined
    this.title =
      target.kind === 'ranking'
        ? `Ranking: ${prompt.text}`
        : cluster?.name.trim()
          ? fillBlank(prompt.text, cluster.name.trim())
          : prompt.text
    this.subtitle = [doc.title.trim(), doc.createdAt.slice(0, 10)].filter(Boolean).join(' · ')
    const width = Math.max(content.width, MIN_IMAGE_WIDTH)
    this.titleHeight = Math.ceil(measureTitle(this.title, width) + SUBTITLE_SIZE * 1.4 + TITLE_GAP)
    // Whole board units, so every scale gives an exact multiple of the 1× size.
    const left = Math.floor(content.x - IMAGE_MARGIN)
    const top = Math.floor(content.y - IMAGE_MARGIN - this.titleHeight)
    this.bounds = {
      x: left,
      y: top,
      width: Math.ceil(content.x + width + IMAGE_MARGIN) - left,
      height: Math.ceil(content.y + content.height + IMAGE_MARGIN) - top,
    }
    for (const item of items(doc, target)) this.file(item)
  }

  private file(item: Item): void {
    const first = Math.floor(item.rect.y / BAND)
    const last = Math.floor((item.rect.y + item.rect.height) / BAND)
    for (let band = first; band <= last; band++) {
      const list = this.bands.get(band)
      if (list) list.push(item)
      else this.bands.set(band, [item])
    }
  }

  /** Puts into `layer` the nodes of everything that shows in `region` (board units). */
  fill(layer: Konva.Layer, region: Rect): void {
    const b = this.bounds
    layer.add(new Konva.Rect({ ...region, fill: this.background, listening: false }))
    if (region.y < b.y + this.titleHeight + IMAGE_MARGIN) {
      const x = b.x + IMAGE_MARGIN
      const width = b.width - IMAGE_MARGIN * 2
      const rtl = textDirection(this.title) === 'rtl'
      layer.add(
        text(this.title, {
          x,
          y: b.y + IMAGE_MARGIN,
          width,
          fontSize: TITLE_SIZE,
          fontStyle: '700',
          lineHeight: 1.2,
          direction: rtl ? 'rtl' : 'ltr',
          align: rtl ? 'right' : 'left',
        }),
        text(this.subtitle, {
          x,
          y: b.y + IMAGE_MARGIN + this.titleHeight - TITLE_GAP - SUBTITLE_SIZE * 1.2,
          width,
          fontSize: SUBTITLE_SIZE,
          fill: '#4a4d55',
          wrap: 'none',
          ellipsis: true,
        }),
      )
    }
    const seen = new Set<Item>()
    const first = Math.floor(region.y / BAND)
    const last = Math.floor((region.y + region.height) / BAND)
    // Frames first, then notes above them, whatever band they were filed in.
    const found: Item[] = []
    for (let band = first; band <= last; band++) {
      for (const item of this.bands.get(band) ?? []) {
        if (!seen.has(item) && intersects(item.rect, region)) {
          seen.add(item)
          found.push(item)
        }
      }
    }
    found.sort((a, b) => (a.kind === 'note' ? 1 : 0) - (b.kind === 'note' ? 1 : 0))
    for (const item of found) layer.add(draw(item))
  }
}

function items(doc: Workshop, target: ImageTarget): Item[] {
  const board = boardOf(doc, target.promptId)
  const count = (c: Cluster) => board.members.get(c.id)?.length ?? 0
  switch (target.kind) {
    case 'board':
      return [
        ...board.clusters.map((c): Item => ({
          kind: 'cluster',
          rect: clusterRect(c, count(c)),
          cluster: c,
        })),
        ...board.notes.map((n): Item => ({ kind: 'note', rect: noteRect(n), note: n })),
      ]
    case 'cluster': {
      const cluster = doc.clusters[target.clusterId]
      if (!cluster) return []
      return [
        { kind: 'cluster', rect: clusterRect(cluster, count(cluster)), cluster },
        ...(board.members.get(cluster.id) ?? []).map((n): Item => ({
          kind: 'note',
          rect: noteRect(n),
          note: n,
        })),
      ]
    }
    case 'ranking': {
      const ranked = rankedClusters(doc, target.promptId)
      const max = Math.max(1, ...ranked.map((c) => c.votes))
      return ranked.map((cluster, i) => ({
        kind: 'rank',
        rect: { x: 0, y: i * RANKING_ROW, width: RANKING_WIDTH, height: RANKING_ROW },
        cluster,
        rank: i + 1,
        count: count(cluster),
        max,
      }))
    }
  }
}

function text(value: string, config: Konva.TextConfig): Konva.Text {
  return new Konva.Text({
    text: value,
    fontFamily: BOARD_FONT,
    fill: NOTE_TEXT,
    listening: false,
    perfectDrawEnabled: false,
    ...config,
  })
}

function measureTitle(title: string, width: number): number {
  const node = text(title, { width, fontSize: TITLE_SIZE, fontStyle: '700', lineHeight: 1.2 })
  const height = node.height()
  node.destroy()
  return height
}

function draw(item: Item): Konva.Group {
  switch (item.kind) {
    case 'note':
      return drawNote(item.note)
    case 'cluster':
      return drawCluster(item.cluster, item.rect)
    case 'rank':
      return drawRank(item)
  }
}

function drawNote(note: Note): Konva.Group {
  const group = new Konva.Group({ x: note.x, y: note.y, listening: false })
  const size = {
    width: NOTE_WIDTH,
    height: NOTE_HEIGHT,
    cornerRadius: 8,
    perfectDrawEnabled: false,
  }
  group.add(new Konva.Rect({ ...size, y: 4, fill: NOTE_SHADE }))
  group.add(
    new Konva.Rect({
      ...size,
      fill: note.hidden ? NOTE_BACK : NOTE_FILL[note.color],
      stroke: NOTE_EDGE,
      strokeWidth: 1,
    }),
  )
  const box = {
    x: 16,
    y: 16,
    width: NOTE_WIDTH - 32,
    height: NOTE_HEIGHT - 42,
    fontSize: 21,
    lineHeight: 1.25,
  }
  if (note.hidden) {
    // The back of the card: the words stay in the app until the facilitator reveals them.
    group.add(
      text('Hidden until revealed', {
        ...box,
        align: 'center',
        verticalAlign: 'middle',
        fill: NOTE_BACK_TEXT,
        fontStyle: 'italic',
      }),
    )
    return group
  }
  const rtl = textDirection(note.text) === 'rtl'
  group.add(
    text(note.text, {
      ...box,
      wrap: 'word',
      ellipsis: true,
      direction: rtl ? 'rtl' : 'ltr',
      align: rtl ? 'right' : 'left',
    }),
  )
  if (note.duplicates.length > 0) {
    group.add(
      text(`×${note.duplicates.length + 1}`, {
        x: NOTE_WIDTH - 64,
        y: NOTE_HEIGHT - 25,
        width: 54,
        align: 'right',
        fontSize: 20,
        fontStyle: '700',
      }),
    )
  }
  const mark = markShape(note.color, 22, NOTE_HEIGHT - 15, 6.5)
  if (mark) group.add(mark)
  return group
}

function drawCluster(cluster: Cluster, rect: Rect): Konva.Group {
  const group = new Konva.Group({ x: rect.x, y: rect.y, listening: false })
  group.add(
    new Konva.Rect({
      width: rect.width,
      height: rect.height,
      cornerRadius: 14,
      fill: CLUSTER_TINT[cluster.color],
      stroke: NOTE_FILL[cluster.color],
      strokeWidth: 3,
      perfectDrawEnabled: false,
    }),
  )
  const votes =
    cluster.votes > 0 ? `${cluster.votes} ${cluster.votes === 1 ? 'vote' : 'votes'}` : ''
  const named = cluster.name.trim() !== ''
  const rtl = textDirection(cluster.name) === 'rtl'
  group.add(
    text(named ? cluster.name : 'Unnamed cluster', {
      x: 18,
      y: 14,
      width: Math.max(40, rect.width - 36 - (votes ? 130 : 0)),
      height: 36,
      fontSize: 26,
      fontStyle: '650',
      wrap: 'none',
      ellipsis: true,
      opacity: named ? 1 : 0.55,
      direction: rtl ? 'rtl' : 'ltr',
      align: rtl ? 'right' : 'left',
    }),
  )
  if (votes) {
    group.add(
      text(votes, {
        x: rect.width - 148,
        y: 18,
        width: 130,
        align: 'right',
        fontSize: 22,
        fontStyle: '700',
      }),
    )
  }
  return group
}

function drawRank(item: Extract<Item, { kind: 'rank' }>): Konva.Group {
  const { cluster, rect } = item
  const group = new Konva.Group({ x: rect.x, y: rect.y, listening: false })
  const middle = RANKING_ROW / 2
  group.add(
    text(`${item.rank}.`, {
      x: 0,
      y: middle - 16,
      width: 56,
      align: 'right',
      fontSize: 30,
      fontStyle: '700',
    }),
  )
  group.add(
    new Konva.Rect({
      x: 76,
      y: middle - 22,
      width: 44,
      height: 44,
      cornerRadius: 8,
      fill: NOTE_FILL[cluster.color],
      stroke: NOTE_EDGE,
    }),
  )
  const mark = markShape(cluster.color, 98, middle, 8)
  if (mark) group.add(mark)
  const named = cluster.name.trim() !== ''
  group.add(
    text(named ? cluster.name : 'Unnamed cluster', {
      x: 140,
      y: middle - 16,
      width: 640,
      fontSize: 30,
      fontStyle: '650',
      wrap: 'none',
      ellipsis: true,
      opacity: named ? 1 : 0.55,
    }),
  )
  const barWidth = Math.round((cluster.votes / item.max) * 380)
  group.add(
    new Konva.Rect({
      x: 800,
      y: middle - 14,
      width: Math.max(4, barWidth),
      height: 28,
      cornerRadius: 6,
      fill: NOTE_FILL[cluster.color],
      stroke: NOTE_EDGE,
    }),
  )
  group.add(
    text(
      `${cluster.votes} ${cluster.votes === 1 ? 'vote' : 'votes'} · ${item.count} ${item.count === 1 ? 'note' : 'notes'}`,
      {
        x: 1200,
        y: middle - 13,
        width: RANKING_WIDTH - 1200,
        fontSize: 24,
        fill: '#4a4d55',
      },
    ),
  )
  return group
}
