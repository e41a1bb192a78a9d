/**
 * The schema's length limit on a text field, as an attachment (`{@attach textLimit(n)}`):
 * typing stops at the limit (`maxlength`), a count shows near it ("4,812 / 5,000"), and
 * a paste that would go over is cut to fit with a message saying so, rather than being
 * cut silently by the browser or refused later by the store.
 *
 * The count floats under the field's corner (fixed to the page, outside the field's own
 * layout) while the field has the focus, and is announced politely.
 * Limits: counts UTF-16 code units, as the schema and `maxlength` do. `perLine` fields
 * (the capture bar: one note per pasted line) leave multi-line pastes to their owner and
 * get no `maxlength`, so many lines still fit; the owner refuses an over-long reply.
 */

/** From how near the limit the count shows: the last 10% (at least 20 characters). */
function showFrom(max: number): number {
  return max - Math.max(20, Math.round(max * 0.1))
}

let counter = 0

/** The attachment: `max` characters in the field; `perLine` as above. */
export function textLimit(max: number, options: { perLine?: boolean } = {}) {
  return (field: HTMLInputElement | HTMLTextAreaElement) => {
    if (!options.perLine) field.maxLength = max
    const badge = document.createElement('div')
    badge.className = 'text-limit'
    badge.id = `text-limit-${++counter}`
    badge.setAttribute('role', 'status')
    badge.setAttribute('aria-live', 'polite')
    badge.hidden = true
    document.body.append(badge)
    const describedBy = field.getAttribute('aria-describedby')
    field.setAttribute('aria-describedby', [describedBy, badge.id].filter(Boolean).join(' '))
    let message = ''
    let messageTimer: ReturnType<typeof setTimeout> | undefined

    function place(): void {
      const length = field.value.length
      const near = length >= showFrom(max)
      badge.hidden = !(document.activeElement === field && (near || message !== ''))
      if (badge.hidden) return
      const count = `${length.toLocaleString()} / ${max.toLocaleString()}`
      badge.textContent = message ? `${message} ${count}` : count
      badge.classList.toggle('over', length >= max)
      const box = field.getBoundingClientRect()
      badge.style.left = `${Math.max(8, box.right - badge.offsetWidth)}px`
      badge.style.top = `${box.bottom + 4}px`
    }

    function onPaste(event: ClipboardEvent): void {
      if (event.defaultPrevented) return
      const pasted = event.clipboardData?.getData('text/plain') ?? ''
      if (options.perLine && /[\r\n]/.test(pasted.trim())) return // the owner's paste
      const selected = (field.selectionEnd ?? 0) - (field.selectionStart ?? 0)
      const room = max - (field.value.length - selected)
      if (pasted.length <= room) return
      event.preventDefault()
      const fitting = pasted.slice(0, Math.max(0, room))
      // insertText keeps the field's own undo and fires `input`, so bindings follow.
      if (fitting && !document.execCommand('insertText', false, fitting)) {
        field.setRangeText(fitting, field.selectionStart ?? 0, field.selectionEnd ?? 0, 'end')
        field.dispatchEvent(new Event('input', { bubbles: true }))
      }
      const cutBy = pasted.length - fitting.length
      message = `Pasted text cut by ${cutBy.toLocaleString()} ${cutBy === 1 ? 'character' : 'characters'} to fit the limit.`
      clearTimeout(messageTimer)
      messageTimer = setTimeout(() => {
        message = ''
        place()
      }, 6000)
      place()
    }

    const events = ['input', 'focus', 'blur', 'keyup'] as const
    for (const name of events) field.addEventListener(name, place)
    field.addEventListener('paste', onPaste as EventListener)
    window.addEventListener('resize', place)
    queueMicrotask(place)
    return () => {
      for (const name of events) field.removeEventListener(name, place)
      field.removeEventListener('paste', onPaste as EventListener)
      window.removeEventListener('resize', place)
      clearTimeout(messageTimer)
      badge.remove()
    }
  }
}
