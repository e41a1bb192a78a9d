/**
 * The sample workshop of the screenshots and the export examples: a leadership team's
 * forty replies in six named clusters, made with the app's own gestures.
 */
import { groupNotes, tidyBoard } from '../core/board-gestures.ts'
import { createNote } from '../core/create.ts'
import { inboxSlots } from '../core/layout.ts'
import type { Workshop } from '../core/model.ts'
import { applyAll } from '../core/ops.ts'

/** Six themes a leadership team might find, with the replies behind them. */
export const THEMES: [string, string[]][] = [
  [
    'Losing our people',
    [
      'scale fast, we lose the people who got us here',
      'hire senior people only, no one learns to lead',
      'grow the team, the culture dilutes',
      'reward heroics, we burn out the reliable ones',
      'reorganise yearly, nobody owns anything',
      'promote the loudest, the quiet experts leave',
      'hire fast, we skip the hard conversations',
    ],
  ],
  [
    'Short-term numbers',
    [
      'hit the quarterly number, we borrow from next year',
      'cut costs, we cut the thing that made us different',
      'chase the big deal, we neglect the loyal base',
      'discount to close, we teach buyers to wait',
      'report vanity metrics, we fool ourselves',
      'squeeze suppliers, they stop bringing us ideas',
    ],
  ],
  [
    'Deaf to customers',
    [
      'automate support, customers stop telling us what hurts',
      'please every customer, the product turns to mush',
      'survey everyone, we never talk to anyone',
      'build for the demo, not for the daily user',
      'copy the market leader, we lose our own voice',
      'ignore churn interviews, we repeat the same mistakes',
      'outsource research, insight stays in a slide deck',
    ],
  ],
  [
    'Speed over thinking',
    [
      'ship weekly, nobody has time to think',
      'move faster, we stop writing things down',
      'skip retros, we repeat last quarter',
      'say yes to everything, nothing gets finished',
      'fill every calendar, strategy happens in hallways',
      'launch before we learn, we scale the wrong thing',
    ],
  ],
  [
    'Identity drift',
    [
      'be everywhere, we stand for nothing',
      'look innovative, we chase what competitors do',
      'rebrand again, customers stop recognising us',
      'enter every market, we master none',
      'follow every trend 🚀, the core product ages',
      'chase press, we forget the craft',
    ],
  ],
  [
    'Decisions in the dark',
    [
      'reduce meetings, decisions happen in DMs',
      'centralise approvals, the front line stops deciding',
      'trust the dashboard, we stop walking the floor',
      'hide bad news, problems surface too late',
      'decide by consensus, nothing bold survives',
      'keep plans secret, teams guess the priorities',
      'skip the why, people follow the letter not the intent',
      'measure everything, we lose what matters',
    ],
  ],
]

/** A workshop of about 40 replies in six named clusters, made with the app's own gestures. */
export function clusteredWorkshop(base: Workshop): Workshop {
  const promptId = base.prompts[0]!.id
  const texts = THEMES.flatMap(([, replies]) => replies)
  const slots = inboxSlots({ loose: [], frames: [] }, texts.length)
  const colors = ['yellow', 'blue', 'green', 'pink', 'orange', 'grey'] as const
  let doc = applyAll(base, [
    {
      type: 'addNotes',
      notes: texts.map((text, i) =>
        createNote({
          promptId,
          text,
          ...slots[i]!,
          color: colors[THEMES.findIndex(([, r]) => r.includes(text))] ?? 'yellow',
        }),
      ),
    },
  ])
  const byText = new Map(Object.values(doc.notes).map((n) => [n.text, n.id]))
  THEMES.forEach(([name, replies], i) => {
    const gesture = groupNotes(
      doc,
      replies.map((t) => byText.get(t)!),
    )
    const id = gesture.createdCluster!
    doc = applyAll(doc, [
      ...gesture.ops,
      { type: 'renameCluster', id, name },
      { type: 'recolor', notes: [], clusters: [{ id, color: colors[i]! }] },
    ])
  })
  // The facilitator presses Tidy once the themes are named (the board area is about 2.3:1).
  return applyAll(doc, tidyBoard(doc, promptId, 2.3))
}
