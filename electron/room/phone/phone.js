/*
 * The phone page of a Blankboard room. Plain ES5 and XMLHttpRequest, so old phones run
 * it. Replies are kept in localStorage until the board has saved them, and sent again
 * (with the same id, so never twice on the board) when the connection is back. What
 * people typed is only ever set as text, never as markup. While the board's vote is
 * open, the page lists its clusters with + and − and this phone's dots left; each dot
 * change has its own id, sent again unchanged when the connection drops.
 */
;(function () {
  'use strict'

  var ROOM = location.pathname // "/<join code>/": each room keeps its own list
  var KEY_ITEMS = 'blankboard.room.items:' + ROOM
  var KEY_PHONE = 'blankboard.room.phone'
  var KEY_NAME = 'blankboard.room.name'
  var BLANK = '____'

  var memory = {}
  function load(key) {
    try {
      return window.localStorage.getItem(key)
    } catch (e) {
      return memory[key] === undefined ? null : memory[key]
    }
  }
  function store(key, value) {
    try {
      window.localStorage.setItem(key, value)
    } catch (e) {
      memory[key] = value
    }
  }

  function randomId() {
    var bytes = new Uint8Array(16)
    var c = window.crypto || window.msCrypto
    if (c && c.getRandomValues) c.getRandomValues(bytes)
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
    var hex = ''
    for (var j = 0; j < 16; j++) hex += (bytes[j] + 256).toString(16).slice(1)
    return hex
  }

  var phone = load(KEY_PHONE)
  if (!phone || !/^[0-9a-z-]{8,64}$/.test(phone)) {
    phone = randomId()
    store(KEY_PHONE, phone)
  }

  var items = []
  try {
    items = JSON.parse(load(KEY_ITEMS) || '[]') || []
  } catch (e) {
    items = []
  }
  for (var k = 0; k < items.length; k++) if (items[k].state === 'sending') items[k].state = 'unsent'

  function save() {
    store(KEY_ITEMS, JSON.stringify(items))
  }

  var el = {}
  var busy = false
  var retryAt = 0
  var maxReply = 1000
  var vote = null
  var dotPending = null // { id, cluster, delta } while a dot change is on its way

  function plural(n, one) {
    return n + ' ' + one + (n === 1 ? '' : 's')
  }

  function renderVote() {
    el.voteSection.hidden = !vote
    if (!vote) return
    el.left.textContent =
      vote.left + ' of ' + plural(vote.dotsPerPerson, 'dot') + ' left on this phone'
    var list = el.clusters
    while (list.firstChild) list.removeChild(list.firstChild)
    for (var i = 0; i < vote.clusters.length; i++) {
      var c = vote.clusters[i]
      var li = document.createElement('li')
      li.className = 'cluster'
      li.setAttribute('data-cluster', c.id)
      var text = document.createElement('span')
      text.className = 'text'
      text.setAttribute('dir', 'auto')
      var num = document.createElement('span')
      num.className = 'num'
      num.textContent = String(c.number)
      text.appendChild(num)
      text.appendChild(document.createTextNode(c.name || 'Cluster ' + c.number))
      var dots = document.createElement('span')
      dots.className = 'dots'
      dots.textContent = c.mine > 0 ? new Array(c.mine + 1).join('\u25cf') : ''
      dots.setAttribute('aria-label', plural(c.mine, 'dot') + ' from this phone')
      text.appendChild(dots)
      li.appendChild(text)
      li.appendChild(dotButton(c, -1))
      li.appendChild(dotButton(c, 1))
      list.appendChild(li)
    }
  }

  function dotButton(c, delta) {
    var cell = document.createElement('span')
    cell.className = 'act'
    var b = document.createElement('button')
    b.type = 'button'
    b.className = delta > 0 ? 'plus' : 'minus'
    b.textContent = delta > 0 ? '+' : '\u2212'
    b.setAttribute(
      'aria-label',
      (delta > 0 ? 'Add a dot to ' : 'Take a dot from ') + (c.name || 'cluster ' + c.number),
    )
    b.disabled = dotPending !== null || (delta > 0 ? vote.left <= 0 : c.mine <= 0)
    b.addEventListener(
      'click',
      function () {
        if (dotPending) return
        dotPending = { id: randomId(), cluster: c.id, delta: delta, sending: false }
        sendDot()
      },
      false,
    )
    cell.appendChild(b)
    return cell
  }

  function sendDot() {
    var d = dotPending
    if (!d || d.sending) return
    d.sending = true
    renderVote()
    var body = JSON.stringify({ phone: phone, id: d.id, cluster: d.cluster, delta: d.delta })
    request('POST', 'api/dots', body, function (status, data) {
      d.sending = false
      if (dotPending !== d) return
      if (status === 0 || status === 503) {
        // Sent again with the same id on the next poll: never counted twice.
        el.voteMessage.textContent = failed(status, data)
        return
      }
      dotPending = null
      el.voteMessage.textContent = status === 200 ? '' : failed(status, data)
      refresh()
    })
  }

  function $(id) {
    return document.getElementById(id)
  }

  function setStatus(text, bad) {
    el.status.textContent = text
    el.status.className = bad ? 'status bad' : 'status'
  }

  function showPrompt(text) {
    var h = el.prompt
    while (h.firstChild) h.removeChild(h.firstChild)
    var parts = String(text).split(BLANK)
    for (var i = 0; i < parts.length; i++) {
      if (i > 0) {
        var blank = document.createElement('span')
        blank.className = 'blank'
        blank.setAttribute('aria-label', 'blank')
        blank.textContent = '\u00a0'
        h.appendChild(blank)
      }
      h.appendChild(document.createTextNode(parts[i]))
    }
  }

  function render() {
    var list = el.sent
    while (list.firstChild) list.removeChild(list.firstChild)
    el.section.hidden = items.length === 0
    for (var i = items.length - 1; i >= 0; i--) {
      var item = items[i]
      var li = document.createElement('li')
      var text = document.createElement('span')
      text.className = 'text'
      text.setAttribute('dir', 'auto')
      text.textContent = item.text
      var mark = document.createElement('span')
      if (item.state === 'saved') {
        mark.className = 'mark saved'
        mark.textContent = '\u2713'
        mark.setAttribute('aria-label', 'saved')
        mark.title = 'Saved on the board'
      } else if (item.state === 'refused') {
        mark.className = 'mark refused'
        mark.textContent = '\u2715'
        mark.setAttribute('aria-label', 'not accepted')
        var why = document.createElement('span')
        why.className = 'why'
        why.textContent = item.why || ''
        text.appendChild(why)
      } else {
        mark.className = 'mark waiting'
        mark.textContent = '\u2026'
        mark.setAttribute('aria-label', 'waiting to be saved')
        mark.title = 'Kept on this phone until the board has saved it'
      }
      li.appendChild(text)
      li.appendChild(mark)
      li.setAttribute('data-state', item.state)
      list.appendChild(li)
    }
  }

  function request(method, path, body, done) {
    var xhr = new XMLHttpRequest()
    xhr.open(method, path, true)
    xhr.timeout = 25000
    if (body !== null) xhr.setRequestHeader('Content-Type', 'application/json')
    xhr.onload = function () {
      var data
      try {
        data = JSON.parse(xhr.responseText)
      } catch (e) {
        data = null
      }
      var wait = Number(xhr.getResponseHeader('Retry-After')) || 0
      done(xhr.status, data, wait)
    }
    xhr.onerror = function () {
      done(0, null, 0)
    }
    xhr.ontimeout = xhr.onerror
    xhr.send(body)
  }

  var OFFLINE =
    'Could not reach the board: the room may be closed, or this phone is off the Wi-Fi. Your replies are kept here and sent when the room is back.'

  function failed(status, data) {
    if (data && typeof data.error === 'string') return data.error
    if (status === 0) return OFFLINE
    return 'The board did not answer (' + status + '). Your reply is kept and sent again.'
  }

  function sendNext() {
    if (busy) return
    var now = Date.now()
    if (now < retryAt) return
    var item = null
    for (var i = 0; i < items.length; i++) {
      if (items[i].state === 'unsent') {
        item = items[i]
        break
      }
    }
    if (!item) return
    busy = true
    item.state = 'sending'
    var body = JSON.stringify({ phone: phone, id: item.id, text: item.text, name: item.name })
    request('POST', 'api/replies', body, function (status, data, wait) {
      busy = false
      if (status === 200) {
        item.state = 'saved'
        el.message.textContent = ''
        setStatus(
          'Connected. Your reply is on the board' + (el.facedown.hidden ? '.' : ' (face down).'),
        )
      } else if (status === 400 || status === 413) {
        item.state = 'refused'
        item.why = failed(status, data)
        el.message.textContent = item.why
      } else {
        item.state = 'unsent'
        var message = failed(status, data)
        el.message.textContent = message
        if (status === 0 || status === 403 || status === 410) setStatus(message, true)
        retryAt = Date.now() + Math.max(wait * 1000, status === 0 ? 4000 : 1500)
      }
      save()
      render()
      if (status === 200) setTimeout(sendNext, 0)
    })
    render()
  }

  function refresh() {
    request('GET', 'api/state?phone=' + encodeURIComponent(phone), null, function (status, data) {
      if (status !== 200 || !data) {
        setStatus(failed(status, data), true)
        return
      }
      showPrompt(data.prompt)
      vote = data.vote || null
      if (!vote) dotPending = null
      renderVote()
      if (dotPending) sendDot()
      el.facedown.hidden = !data.hidden
      if (typeof data.maxReply === 'number') {
        maxReply = data.maxReply
        el.reply.setAttribute('maxlength', String(maxReply))
      }
      // A reply saved while its answer was lost on the way back.
      var saved = {}
      for (var i = 0; i < (data.mine || []).length; i++) {
        if (data.mine[i].saved) saved[data.mine[i].id] = true
      }
      var changed = false
      for (var j = 0; j < items.length; j++) {
        if (items[j].state !== 'saved' && saved[items[j].id]) {
          items[j].state = 'saved'
          changed = true
        }
      }
      if (changed) {
        save()
        render()
      }
      if (el.status.className !== 'status' || /Connecting/.test(el.status.textContent))
        setStatus('Connected to the board.')
      sendNext()
    })
  }

  function onSubmit(event) {
    event.preventDefault()
    var text = el.reply.value.replace(/^\s+|\s+$/g, '')
    var name = el.name.value.replace(/^\s+|\s+$/g, '')
    if (text === '') {
      el.message.textContent = 'Type a reply first.'
      el.reply.focus()
      return
    }
    if (text.length > maxReply) {
      el.message.textContent =
        'This reply is ' + text.length + ' characters long; the most is ' + maxReply + '.'
      return
    }
    store(KEY_NAME, name)
    items.push({ id: randomId(), text: text, name: name, state: 'unsent' })
    save()
    el.reply.value = ''
    el.message.textContent = ''
    retryAt = 0
    render()
    sendNext()
    el.reply.focus()
  }

  function start() {
    el.status = $('status')
    el.prompt = $('prompt')
    el.facedown = $('facedown')
    el.form = $('form')
    el.reply = $('reply')
    el.name = $('name')
    el.message = $('message')
    el.sent = $('sent')
    el.section = $('sent-section')
    el.voteSection = $('vote-section')
    el.left = $('dots-left')
    el.clusters = $('clusters')
    el.voteMessage = $('vote-message')
    el.name.value = load(KEY_NAME) || ''
    el.form.addEventListener('submit', onSubmit, false)
    window.addEventListener(
      'online',
      function () {
        retryAt = 0
        sendNext()
      },
      false,
    )
    render()
    refresh()
    setInterval(refresh, 3000)
    setInterval(sendNext, 2000)
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, false)
  else start()
})()
