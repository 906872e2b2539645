// Module resolution hook (node:module register): `electron` imported by the built main process resolves to the
// recording stand-in beside this file.
const standIn = new URL('./electron.mjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  return specifier === 'electron' ? { url: standIn, shortCircuit: true } : nextResolve(specifier, context)
}
