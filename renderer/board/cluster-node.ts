/**
 * One cluster drawn in Konva: a tinted frame sized to its notes, and a title bar with
 * the cluster's number (1-9, for keyboard grouping) and name. Only the title bar listens
 * for the pointer: it is where a cluster is grabbed, selected and double-clicked.
 */
import Konva from 'konva'
import { CLUSTER_HEADER, clusterRect } from '../../core/layout.ts'
import type { Cluster } from '../../core/model.ts'
import { stripBidiControls } from '../../core/bidi.ts'
import { BOARD_FONT, CLUSTER_TINT, NOTE_FILL, NOTE_TEXT, SELECTION } from './palette.ts'

/** The Konva nodes of one cluster and what they were last drawn from. */
export interface ClusterNode {
  group: Konva.Group
  frame: Konva.Rect
  bar: Konva.Rect
  name: Konva.Text
  badge: Konva.Text
  cluster: Cluster
  count: number
  number: number | null
  selected: boolean
}

const NAME_SIZE = 26

/** Draws a cluster; the group is draggable (by its title bar) and named by its id. */
export function createClusterNode(cluster: Cluster): ClusterNode {
  const group = new Konva.Group({ id: cluster.id, x: cluster.x, y: cluster.y, draggable: true })
  const frame = new Konva.Rect({
    cornerRadius: 14,
    fill: CLUSTER_TINT[cluster.color],
    stroke: NOTE_FILL[cluster.color],
    strokeWidth: 3,
    listening: false,
    perfectDrawEnabled: false,
  })
  const bar = new Konva.Rect({
    height: CLUSTER_HEADER,
    fill: 'rgba(0,0,0,0)',
    cornerRadius: 14,
    name: 'cluster-title',
  })
  const badge = new Konva.Text({
    x: 16,
    y: 16,
    height: 30,
    padding: 4,
    fontFamily: BOARD_FONT,
    fontSize: 20,
    fontStyle: '700',
    fill: '#ffffff',
    align: 'center',
    listening: false,
    perfectDrawEnabled: false,
  })
  const badgeBack = new Konva.Rect({
    x: 16,
    y: 16,
    width: 30,
    height: 30,
    cornerRadius: 8,
    fill: NOTE_TEXT,
    listening: false,
    name: 'badge-back',
  })
  const name = new Konva.Text({
    y: 14,
    height: 36,
    fontFamily: BOARD_FONT,
    fontSize: NAME_SIZE,
    fontStyle: '650',
    fill: NOTE_TEXT,
    wrap: 'none',
    ellipsis: true,
    listening: false,
    perfectDrawEnabled: false,
  })
  group.add(frame, bar, badgeBack, badge, name)
  const node: ClusterNode = {
    group,
    frame,
    bar,
    name,
    badge,
    cluster,
    count: -1,
    number: null,
    selected: false,
  }
  return node
}

/** Brings a cluster's nodes in line with its record, note count, number and selection. */
export function updateClusterNode(
  node: ClusterNode,
  cluster: Cluster,
  count: number,
  number: number | null,
  selected: boolean,
): void {
  const fresh = node.count === -1
  if (
    !fresh &&
    node.cluster === cluster &&
    node.count === count &&
    node.number === number &&
    node.selected === selected
  ) {
    return
  }
  const rect = clusterRect(cluster, count)
  node.group.position({ x: cluster.x, y: cluster.y })
  node.frame.size({ width: rect.width, height: rect.height })
  node.frame.fill(CLUSTER_TINT[cluster.color])
  node.frame.stroke(selected ? SELECTION : NOTE_FILL[cluster.color])
  node.frame.strokeWidth(selected ? 5 : 3)
  node.bar.width(rect.width)
  const badgeBack = node.group.findOne('.badge-back')!
  const hasNumber = number !== null
  badgeBack.visible(hasNumber)
  node.badge.visible(hasNumber)
  node.badge.text(hasNumber ? String(number) : '')
  node.badge.width(30)
  const nameX = hasNumber ? 58 : 18
  node.name.x(nameX)
  node.name.width(Math.max(40, rect.width - nameX - 16))
  const named = cluster.name.trim() !== ''
  node.name.text(named ? stripBidiControls(cluster.name) : 'Unnamed cluster')
  node.name.opacity(named ? 1 : 0.55)
  node.cluster = cluster
  node.count = count
  node.number = number
  node.selected = selected
}
