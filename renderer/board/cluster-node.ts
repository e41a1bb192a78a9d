/**
 * One cluster drawn in Konva, as two groups that move together: its frame (a tinted
 * block sized to its notes, on the layer under the notes) and its title (number badge
 * and name, on a layer above the notes, so a title is never covered and can always be
 * grabbed). Either group drags the cluster: the title bar, or any empty part of the frame.
 *
 * The name keeps a minimum size on screen at any zoom, like a label on a map. Far out
 * (the overview) the title becomes a centred label with the note count, over an opaque
 * block, or just below or above it; where it has no room, the number alone stands in (a
 * pin). The scene places them (placeOverviewLabels).
 * Limits: one line of name; a long name is cut with an ellipsis to the frame's width
 * (the overview label may be wider than its block, as map labels are).
 */
import Konva from 'konva'
import { CLUSTER_HEADER, clusterRect } from '../../core/layout.ts'
import type { Rect } from '../../core/layout.ts'
import type { Cluster } from '../../core/model.ts'
import { stripBidiControls } from '../../core/bidi.ts'
import {
  BADGE_FILL,
  BADGE_TEXT,
  BOARD_FONT,
  CLUSTER_BLOCK,
  CLUSTER_EDGE,
  CLUSTER_NAME,
  CLUSTER_TINT,
  LABEL_BACK,
  LABEL_EDGE,
  SELECTION,
} from './palette.ts'
import type { VoteMark } from './vote-marks.ts'
import {
  MARK_HEIGHT,
  createVoteMark,
  setVoteMark,
  voteMarkWidth,
  voteMarkWidthFor,
} from './vote-marks.ts'

/** The Konva nodes of one cluster and what they were last drawn from. */
export interface ClusterNode {
  /** The frame: under the notes, draggable by its empty parts. */
  frameGroup: Konva.Group
  frame: Konva.Rect
  /** The title: above the notes, draggable. */
  titleGroup: Konva.Group
  bar: Konva.Rect
  /** Badge and name, scaled together to keep their size on screen. */
  label: Konva.Group
  /** A pill behind the name when it is drawn larger than its title bar (it may reach over notes). */
  labelBack: Konva.Rect
  badgeBack: Konva.Rect
  badge: Konva.Text
  name: Konva.Text
  /** The overview label: name and count on a pill, centred on the block. */
  block: Konva.Group
  blockBack: Konva.Rect
  blockName: Konva.Text
  blockCount: Konva.Text
  /** The overview's stand-in for a label with no room: the number on a badge. */
  pin: Konva.Group
  pinBack: Konva.Rect
  pinNumber: Konva.Text
  /** The vote's dots at the right of the title bar, made once the cluster holds dots. */
  votes: VoteMark | null
  cluster: Cluster
  count: number
  number: number | null
  selected: boolean
  /** The dots shown (null: none, or the counts are hidden until revealed). */
  shownVotes: number | null
  /** The label scale last applied (1 at or above the zoom where names are large enough). */
  labelScale: number
  /** The overview label's width on one line (0: to be measured) and as last laid out. */
  blockOneLine: number
  blockWidth: number
  blockHeight: number
  /** The overview label's place centred on its block (it may be drawn above or below). */
  blockY: number
}

/** A cluster name's size in board units (at 100% it is this many pixels). */
export const NAME_SIZE = 34
/** The smallest a cluster name is ever drawn on screen, in CSS pixels. */
export const MIN_NAME_PX = 30
const BADGE = 40
/** The overview label's name and count sizes, in CSS pixels on screen. */
const BLOCK_NAME_PX = 30
const BLOCK_COUNT_PX = 22
/** The overview pin's height on screen (its number is drawn at the label's name size). */
const PIN_PX = 44
/** The overview label wraps to its block's width on screen, but never narrower than this. */
const BLOCK_MIN_PX = 210
/** The least room (board units at label scale) a name keeps beside the vote's dots. */
const MIN_SHARED_NAME = 200
/** Draws a cluster; both groups are draggable and carry the cluster's id. */
export function createClusterNode(cluster: Cluster): ClusterNode {
  const frameGroup = new Konva.Group({ x: cluster.x, y: cluster.y, draggable: true })
  frameGroup.setAttr('clusterId', cluster.id)
  const frame = new Konva.Rect({
    cornerRadius: 14,
    strokeWidth: 3,
    perfectDrawEnabled: false,
    shadowForStrokeEnabled: false,
  })
  frameGroup.add(frame)

  const titleGroup = new Konva.Group({ x: cluster.x, y: cluster.y, draggable: true })
  titleGroup.setAttr('clusterId', cluster.id)
  const bar = new Konva.Rect({
    height: CLUSTER_HEADER,
    fill: 'rgba(0,0,0,0)',
    name: 'cluster-title',
  })
  const label = new Konva.Group({ x: 20, listening: false })
  const labelBack = new Konva.Rect({
    x: -8,
    y: -6,
    height: BADGE + 12,
    cornerRadius: 10,
    fill: LABEL_BACK,
    visible: false,
    perfectDrawEnabled: false,
  })
  const badgeBack = new Konva.Rect({
    width: BADGE,
    height: BADGE,
    cornerRadius: 9,
    fill: BADGE_FILL,
    perfectDrawEnabled: false,
  })
  const badge = new Konva.Text({
    width: BADGE,
    height: BADGE,
    fontFamily: BOARD_FONT,
    fontSize: 26,
    fontStyle: '700',
    fill: BADGE_TEXT,
    align: 'center',
    verticalAlign: 'middle',
    perfectDrawEnabled: false,
  })
  const name = new Konva.Text({
    height: BADGE,
    fontFamily: BOARD_FONT,
    fontSize: NAME_SIZE,
    fontStyle: '700',
    fill: CLUSTER_NAME,
    verticalAlign: 'middle',
    wrap: 'none',
    ellipsis: true,
    perfectDrawEnabled: false,
  })
  label.add(labelBack, badgeBack, badge, name)

  const block = new Konva.Group({ listening: false, visible: false })
  const blockBack = new Konva.Rect({
    cornerRadius: 10,
    fill: LABEL_BACK,
    stroke: LABEL_EDGE,
    strokeWidth: 2,
    perfectDrawEnabled: false,
  })
  const blockName = new Konva.Text({
    fontFamily: BOARD_FONT,
    fontSize: BLOCK_NAME_PX,
    lineHeight: 1.1,
    fontStyle: '700',
    fill: CLUSTER_NAME,
    wrap: 'word',
    ellipsis: true,
    perfectDrawEnabled: false,
  })
  const blockCount = new Konva.Text({
    fontFamily: BOARD_FONT,
    fontSize: BLOCK_COUNT_PX,
    fill: CLUSTER_NAME,
    wrap: 'none',
    perfectDrawEnabled: false,
  })
  block.add(blockBack, blockName, blockCount)
  const pin = new Konva.Group({ listening: false, visible: false })
  const pinBack = new Konva.Rect({
    height: PIN_PX,
    cornerRadius: 10,
    fill: BADGE_FILL,
    perfectDrawEnabled: false,
  })
  const pinNumber = new Konva.Text({
    height: PIN_PX,
    align: 'center',
    verticalAlign: 'middle',
    fontFamily: BOARD_FONT,
    fontSize: BLOCK_NAME_PX,
    fontStyle: '700',
    fill: BADGE_TEXT,
    wrap: 'none',
    perfectDrawEnabled: false,
  })
  pin.add(pinBack, pinNumber)
  titleGroup.add(bar, label, block, pin)

  return {
    frameGroup,
    frame,
    titleGroup,
    bar,
    label,
    labelBack,
    badgeBack,
    badge,
    name,
    block,
    blockBack,
    blockName,
    blockCount,
    pin,
    pinBack,
    pinNumber,
    votes: null,
    cluster,
    count: -1,
    number: null,
    selected: false,
    shownVotes: null,
    labelScale: 0,
    blockOneLine: 0,
    blockWidth: 0,
    blockHeight: 0,
    blockY: 0,
  }
}

/** The frame of a drawn cluster, in board units. */
export function clusterNodeRect(node: ClusterNode): Rect {
  return clusterRect(node.cluster, node.count)
}

function displayName(cluster: Cluster): string {
  return cluster.name.trim() === '' ? 'Unnamed cluster' : stripBidiControls(cluster.name)
}

/** Brings a cluster's nodes in line with its record, note count, number and selection. */
export function updateClusterNode(
  node: ClusterNode,
  cluster: Cluster,
  count: number,
  number: number | null,
  selected: boolean,
  shownVotes: number | null,
): void {
  const fresh = node.count === -1
  if (
    !fresh &&
    node.cluster === cluster &&
    node.count === count &&
    node.number === number &&
    node.selected === selected &&
    node.shownVotes === shownVotes
  ) {
    return
  }
  if (shownVotes !== null && shownVotes > 0) {
    if (node.votes) setVoteMark(node.votes, shownVotes)
    else {
      node.votes = createVoteMark(shownVotes)
      node.titleGroup.add(node.votes.group)
    }
  } else if (node.votes) {
    node.votes.group.destroy()
    node.votes = null
  }
  node.shownVotes = shownVotes
  const rect = clusterRect(cluster, count)
  node.frameGroup.position({ x: cluster.x, y: cluster.y })
  node.titleGroup.position({ x: cluster.x, y: cluster.y })
  node.frame.size({ width: rect.width, height: rect.height })
  node.frame.fill(CLUSTER_TINT[cluster.color])
  node.frame.stroke(selected ? SELECTION : CLUSTER_EDGE[cluster.color])
  node.frame.strokeWidth(selected ? 6 : 3)
  node.bar.width(rect.width)
  const hasNumber = number !== null
  node.badgeBack.visible(hasNumber)
  node.badge.visible(hasNumber)
  node.badge.text(hasNumber ? String(number) : '')
  node.name.x(hasNumber ? BADGE + 12 : 0)
  const named = cluster.name.trim() !== ''
  node.name.text(displayName(cluster))
  node.name.opacity(named ? 1 : 0.6)
  node.blockName.text(`${hasNumber ? `${number}  ` : ''}${displayName(cluster)}`)
  if (node.pinNumber.text() !== String(number ?? '')) {
    node.pinNumber.text(String(number ?? ''))
    const width = Math.max(PIN_PX, Math.ceil(node.pinNumber.measureSize(String(number)).width) + 20)
    node.pinNumber.width(width)
    node.pinBack.width(width)
  }
  node.blockName.opacity(named ? 1 : 0.7)
  const dots = shownVotes ? ` · ${shownVotes} ${shownVotes === 1 ? 'dot' : 'dots'}` : ''
  node.blockCount.text(`${count} ${count === 1 ? 'note' : 'notes'}${dots}`)
  node.cluster = cluster
  node.count = count
  node.number = number
  node.selected = selected
  node.labelScale = 0 // lay the label out again at the current zoom
  node.blockOneLine = 0
}

/**
 * Sizes the title for the zoom `scale`: a name at least `minNamePx` on screen in the
 * title bar, or (overview) a centred label over an opaque block.
 */
export function scaleClusterLabel(
  node: ClusterNode,
  scale: number,
  overview: boolean,
  minNamePx = MIN_NAME_PX,
): void {
  const rect = clusterNodeRect(node)
  if (overview) {
    const k = 1 / scale
    if (node.labelScale === -k) return
    if (node.labelScale >= 0) {
      node.label.visible(false)
      node.votes?.group.visible(false)
      node.block.visible(true)
      node.frame.fill(CLUSTER_BLOCK[node.cluster.color])
    }
    node.labelScale = -k
    node.block.scale({ x: k, y: k })
    // The name wraps to the block's width on screen (two lines at most), like a map label.
    const pad = 10
    // Present mode asks for larger names: the overview's labels grow with them.
    const namePx = Math.max(BLOCK_NAME_PX, minNamePx)
    const countPx = Math.max(BLOCK_COUNT_PX, Math.round(minNamePx * 0.7))
    if (node.blockName.fontSize() !== namePx || node.blockCount.fontSize() !== countPx) {
      node.blockName.fontSize(namePx)
      node.blockCount.fontSize(countPx)
      node.blockOneLine = 0
    }
    if (node.blockOneLine === 0) {
      node.blockName.width('auto' as unknown as number) // measure on one line first
      node.blockOneLine = Math.max(node.blockName.width(), node.blockCount.width())
      node.blockWidth = 0
    }
    // Laid out again only when its width on screen changes: measuring text on every
    // step of a zoom over 50 clusters would cost a frame.
    const width = Math.ceil(
      Math.min(Math.max(BLOCK_MIN_PX, rect.width * scale - pad * 2), node.blockOneLine),
    )
    if (width !== node.blockWidth) {
      node.blockWidth = width
      node.blockName.width(width)
      node.blockName.height('auto' as unknown as number)
      const lines = Math.min(2, node.blockName.textArr.length)
      const nameHeight = lines * namePx * 1.1
      node.blockName.height(nameHeight)
      node.blockName.position({ x: pad, y: pad })
      node.blockCount.position({ x: pad, y: pad + nameHeight + 2 })
      node.blockHeight = nameHeight + countPx + 4 + pad * 2
      node.blockBack.size({ width: width + pad * 2, height: node.blockHeight })
    }
    node.blockY = Math.max(0, rect.height / 2 - (node.blockHeight * k) / 2)
    node.block.position({ x: rect.width / 2 - ((width + pad * 2) * k) / 2, y: node.blockY })
    node.pin.scale({ x: k, y: k })
    node.pin.position({
      x: rect.width / 2 - (node.pinBack.width() * k) / 2,
      y: Math.max(0, rect.height / 2 - (PIN_PX * k) / 2),
    })
    return
  }
  const k = Math.max(1, minNamePx / (NAME_SIZE * scale))
  if (node.labelScale === k) return
  node.labelScale = k
  node.block.visible(false)
  node.pin.visible(false)
  node.label.visible(true)
  node.frame.fill(CLUSTER_TINT[node.cluster.color])
  node.label.scale({ x: k, y: k })
  node.label.y(Math.max(6, (CLUSTER_HEADER - BADGE * k) / 2))
  // The dots sit at the right end of the bar, at the label's scale, and the name gives
  // way; where a dot per vote would crowd the name, one dot and the number stand in. Far
  // out (names scaled up, notes drawn without text) they sit under the name instead, so
  // the name keeps the whole bar.
  let markRoom = 0
  const below = k > 1.2
  if (node.votes) {
    const votes = node.votes.votes
    const nameWidth = Math.min(MIN_SHARED_NAME, node.name.measureSize(node.name.text()).width)
    const fits =
      below || (rect.width - 52) / k - voteMarkWidthFor(votes, false) - node.name.x() >= nameWidth
    setVoteMark(node.votes, votes, !fits)
    node.votes.group.visible(true)
    node.votes.group.scale({ x: k, y: k })
    if (!below) markRoom = voteMarkWidth(node.votes) * k + 12
  }
  const room = Math.max(40, (rect.width - 40 - markRoom) / k - node.name.x())
  node.name.width(room)
  // Scaled up, a name that does not fit takes a second line rather than an ellipsis; it
  // then reaches over the first notes (drawn without text at such zooms), on a pill.
  const natural = node.name.measureSize(node.name.text()).width
  const wraps = k > 1.2 && natural > room
  node.name.wrap(wraps ? 'word' : 'none')
  node.name.height(wraps ? NAME_SIZE * 1.15 * 2 : BADGE)
  node.name.lineHeight(wraps ? 1.15 : 1)
  node.name.verticalAlign(wraps ? 'top' : 'middle')
  if (node.votes) {
    const width = voteMarkWidth(node.votes) * k
    node.votes.group.position({
      x: rect.width - 16 - width,
      y: below
        ? node.label.y() + (node.name.height() + 14) * k
        : node.label.y() + ((BADGE - MARK_HEIGHT) * k) / 2,
    })
  }
  const used = Math.min(room, natural)
  node.labelBack.visible(k > 1.2)
  node.labelBack.size({ width: node.name.x() + used + 16, height: node.name.height() + 12 })
}

/** The overview pin's rectangle in board units, or null for a cluster without a number. */
export function pinRect(node: ClusterNode): Rect | null {
  if (node.number === null) return null
  const k = node.pin.scaleX()
  return {
    x: node.cluster.x + node.pin.x(),
    y: node.cluster.y + node.pin.y(),
    width: node.pinBack.width() * k,
    height: PIN_PX * k,
  }
}

/** The overview label's rectangle in board units (for hiding labels that collide). */
export function blockLabelRect(node: ClusterNode): Rect {
  const k = node.block.scaleX()
  return {
    x: node.cluster.x + node.block.x(),
    y: node.cluster.y + node.block.y(),
    width: node.blockBack.width() * k,
    height: node.blockBack.height() * k,
  }
}
