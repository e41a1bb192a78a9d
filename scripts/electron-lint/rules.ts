/**
 * ESLint rules for the usual Electron security mistakes, after Electronegativity's checks
 * (which cannot run offline): insecure `webPreferences`, dangerous calls, protocol and
 * certificate overrides, IPC handlers that never look at their sender, a preload that
 * hands the page more than one `invoke` per channel. Each rule reports with its
 * Electronegativity-style id as the rule name; docs/security.md explains the findings
 * that are reviewed and safe, and the gate fails on any other.
 *
 * Limits: syntax only, per file: a setting passed through a variable is not followed
 * (the window options are kept as one literal object for that reason).
 */
import type { Rule } from 'eslint'
import type * as ESTree from 'estree'

type Node = ESTree.Node

/** The name of a property's key, when it is written plainly. */
function keyName(property: ESTree.Property): string | null {
  if (property.computed) return null
  if (property.key.type === 'Identifier') return property.key.name
  if (property.key.type === 'Literal' && typeof property.key.value === 'string')
    return property.key.value
  return null
}

/** True when `node` is the literal `value`. */
function isLiteral(node: Node, value: unknown): boolean {
  return node.type === 'Literal' && node.value === value
}

/** The name a call is made by: `f(…)` → f, `a.b.f(…)` → f. */
function calleeName(call: ESTree.CallExpression | ESTree.NewExpression): string | null {
  const callee = call.callee
  if (callee.type === 'Identifier') return callee.name
  if (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.type === 'Identifier'
  )
    return callee.property.name
  return null
}

/** The object a method is called on, when it is a plain name: `ipcMain.handle` → ipcMain. */
function calleeObject(call: ESTree.CallExpression): string | null {
  const callee = call.callee
  if (callee.type !== 'MemberExpression') return null
  if (callee.object.type === 'Identifier') return callee.object.name
  if (callee.object.type === 'MemberExpression' && callee.object.property.type === 'Identifier')
    return callee.object.property.name
  return null
}

/** True when the text of `node` mentions `word` (a cheap look inside a handler). */
function mentions(context: Rule.RuleContext, node: Node, word: string): boolean {
  return context.sourceCode.getText(node).includes(word)
}

/**
 * A rule that reports a `webPreferences` setting unless its value is the literal `safe`
 * (`safe` undefined: any use is reported).
 */
function preference(setting: string, safe: boolean | undefined, message: string): Rule.RuleModule {
  return {
    meta: { type: 'problem', schema: [], docs: { description: message } },
    create: (context) => ({
      Property(node: ESTree.Property) {
        if (keyName(node) !== setting) return
        if (safe !== undefined && isLiteral(node.value, safe)) return
        context.report({ node, message })
      },
    }),
  }
}

/** A rule that reports every call of one of `names` (for review, or always wrong). */
function calls(
  names: string[],
  message: string,
  allowed: (call: ESTree.CallExpression) => boolean = () => false,
): Rule.RuleModule {
  return {
    meta: { type: 'problem', schema: [], docs: { description: message } },
    create: (context) => {
      const check = (node: ESTree.CallExpression | ESTree.NewExpression) => {
        const name = calleeName(node)
        if (name && names.includes(name) && !allowed(node as ESTree.CallExpression))
          context.report({ node, message: `${name}: ${message}` })
      }
      return { CallExpression: check, NewExpression: check }
    },
  }
}

/** The first argument is a string written in the code (no page-supplied value). */
const literalFirstArgument = (call: ESTree.CallExpression) => {
  const first = call.arguments[0]
  return (
    first?.type === 'Literal' ||
    (first?.type === 'TemplateLiteral' && first.expressions.length === 0)
  )
}

/** Every rule, by the id docs/security.md uses. */
export const rules: Record<string, Rule.RuleModule> = {
  NODE_INTEGRATION: preference('nodeIntegration', false, 'Node integration must be off.'),
  NODE_INTEGRATION_IN_WORKER: preference(
    'nodeIntegrationInWorker',
    false,
    'Node integration in workers must be off.',
  ),
  NODE_INTEGRATION_IN_SUBFRAMES: preference(
    'nodeIntegrationInSubFrames',
    false,
    'Node integration in sub-frames must be off.',
  ),
  CONTEXT_ISOLATION: preference('contextIsolation', true, 'Context isolation must be on.'),
  SANDBOX: preference('sandbox', true, 'The renderer sandbox must be on.'),
  WEB_SECURITY: preference('webSecurity', true, 'webSecurity must stay on.'),
  INSECURE_CONTENT: preference(
    'allowRunningInsecureContent',
    false,
    'Insecure (http) content must not run.',
  ),
  EXPERIMENTAL_FEATURES: preference(
    'experimentalFeatures',
    false,
    'Experimental web features must stay off.',
  ),
  BLINK_FEATURES: preference('enableBlinkFeatures', undefined, 'No extra Blink features.'),
  WEBVIEW_TAG: preference('webviewTag', false, 'The <webview> tag must stay off.'),
  SPELLCHECK: preference(
    'spellcheck',
    false,
    'Spell-check downloads dictionaries from the network: keep it off.',
  ),
  PRELOAD_JS: preference(
    'preload',
    undefined,
    'A preload script runs with more rights than the page: review what it exposes.',
  ),
  REMOTE_MODULE: preference('enableRemoteModule', false, 'The remote module must stay off.'),

  /** Webpreferences written as a literal must say isolation and the sandbox are on. */
  SECURE_DEFAULTS_EXPLICIT: {
    meta: { type: 'problem', schema: [], docs: { description: 'Secure settings written out.' } },
    create: (context) => ({
      Property(node: ESTree.Property) {
        if (keyName(node) !== 'webPreferences' || node.value.type !== 'ObjectExpression') return
        const set = new Map<string, Node>()
        for (const p of node.value.properties)
          if (p.type === 'Property' && keyName(p)) set.set(keyName(p)!, p.value)
        for (const [name, value] of [
          ['contextIsolation', true],
          ['sandbox', true],
          ['nodeIntegration', false],
        ] as const) {
          const given = set.get(name)
          if (!given || !isLiteral(given, value))
            context.report({ node, message: `webPreferences must set ${name}: ${value}.` })
        }
      },
    }),
  },

  OPEN_EXTERNAL: calls(
    ['openExternal', 'openPath'],
    'opens whatever it is given outside the app; pass only fixed, checked URLs.',
    literalFirstArgument,
  ),
  DANGEROUS_FUNCTIONS: calls(
    ['eval', 'executeJavaScript', 'executeJavaScriptInIsolatedWorld', 'insertCSS', 'Function'],
    'runs code or styles built at run time.',
    literalFirstArgument,
  ),
  CUSTOM_ARGUMENTS: calls(
    ['appendSwitch', 'appendArgument'],
    'changes Chromium’s command line; review each switch.',
  ),
  CERTIFICATE_VERIFY_PROC: calls(
    ['setCertificateVerifyProc'],
    'overrides certificate checks; the app makes no TLS connection and needs none.',
  ),
  PROTOCOL_HANDLERS: calls(
    [
      'registerSchemesAsPrivileged',
      'handle',
      'registerFileProtocol',
      'registerBufferProtocol',
      'registerStringProtocol',
      'registerHttpProtocol',
      'registerStreamProtocol',
      'interceptFileProtocol',
      'setAsDefaultProtocolClient',
    ],
    'serves or privileges a URL scheme; review what it answers.',
    (call) =>
      calleeObject(call) !== 'protocol' && calleeName(call) !== 'setAsDefaultProtocolClient',
  ),

  /** `.on('certificate-error', …)` and `.on('select-client-certificate', …)`. */
  CERTIFICATE_ERROR_EVENT: {
    meta: { type: 'problem', schema: [], docs: { description: 'No certificate overrides.' } },
    create: (context) => ({
      CallExpression(node: ESTree.CallExpression) {
        const first = node.arguments[0]
        if (
          calleeName(node) === 'on' &&
          first &&
          (isLiteral(first, 'certificate-error') || isLiteral(first, 'select-client-certificate'))
        )
          context.report({ node, message: 'Certificate errors must not be overridden.' })
      },
    }),
  },

  /** Security warnings switched off in code. */
  SECURITY_WARNINGS: {
    meta: { type: 'problem', schema: [], docs: { description: 'Keep security warnings.' } },
    create: (context) => ({
      Identifier(node: ESTree.Identifier) {
        if (node.name === 'ELECTRON_DISABLE_SECURITY_WARNINGS')
          context.report({ node, message: 'Security warnings must not be disabled.' })
      },
      Literal(node: ESTree.Literal) {
        if (node.value === 'ELECTRON_DISABLE_SECURITY_WARNINGS')
          context.report({ node, message: 'Security warnings must not be disabled.' })
      },
    }),
  },

  /** Loading a page over http:// or file://. */
  HTTP_RESOURCES: {
    meta: { type: 'problem', schema: [], docs: { description: 'Load only app:// pages.' } },
    create: (context) => ({
      CallExpression(node: ESTree.CallExpression) {
        const name = calleeName(node)
        if (name !== 'loadURL' && name !== 'loadFile') return
        const first = node.arguments[0]
        const text = first ? context.sourceCode.getText(first) : ''
        if (name === 'loadFile' || /^['"`](https?|file|ftp):/i.test(text))
          context.report({ node, message: `${name} must load the app from app://, not ${text}.` })
      },
    }),
  },

  /** A window-open handler that lets a window open. */
  WINDOW_OPEN_ALLOWED: {
    meta: { type: 'problem', schema: [], docs: { description: 'Deny new windows.' } },
    create: (context) => ({
      CallExpression(node: ESTree.CallExpression) {
        const handler = node.arguments[0]
        if (
          calleeName(node) === 'setWindowOpenHandler' &&
          handler &&
          mentions(context, handler, "'allow'")
        )
          context.report({ node, message: 'New windows must be denied.' })
      },
    }),
  },

  /** An IPC handler that never looks at the frame that sent the message. */
  IPC_SENDER_UNCHECKED: {
    meta: { type: 'problem', schema: [], docs: { description: 'Check every IPC sender.' } },
    create: (context) => ({
      CallExpression(node: ESTree.CallExpression) {
        const name = calleeName(node)
        const target = calleeObject(node)
        if (!name || !['handle', 'handleOnce', 'on', 'once'].includes(name)) return
        if (target !== 'ipcMain' && target !== 'ipc') return
        const handler = node.arguments[1]
        if (handler && !mentions(context, handler, 'senderFrame'))
          context.report({ node, message: `IPC ${name} must check event.senderFrame.` })
      },
    }),
  },

  /**
   * The preload's use of `ipcRenderer`: only `ipcRenderer.invoke(CHANNELS.x, …)` with a
   * channel fixed in code; never `ipcRenderer` itself, `send`, `on`, or a channel the page
   * chooses.
   */
  PRELOAD_IPC: {
    meta: { type: 'problem', schema: [], docs: { description: 'One invoke per channel.' } },
    create: (context) => ({
      Identifier(node: ESTree.Identifier & Rule.NodeParentExtension) {
        if (node.name !== 'ipcRenderer') return
        const parent = node.parent
        if (parent.type === 'ImportSpecifier') return
        const member = parent.type === 'MemberExpression' && parent.object === node ? parent : null
        const call = member && (member as Rule.Node).parent
        const method = member && !member.computed && member.property.type === 'Identifier'
        const channel = call?.type === 'CallExpression' ? call.arguments[0] : undefined
        const fixed =
          channel?.type === 'MemberExpression' ||
          channel?.type === 'Literal' ||
          (channel?.type === 'TemplateLiteral' && channel.expressions.length === 0)
        if (method && (member.property as ESTree.Identifier).name === 'invoke' && fixed) return
        context.report({
          node,
          message: 'The preload may only invoke fixed channels; never hand out ipcRenderer.',
        })
      },
    }),
  },
}

/** The rules as an ESLint plugin. */
export const electronSecurityPlugin = { meta: { name: 'electron-security' }, rules }
