// Which URLs count as the app's own page: the IPC sender check and the navigation guard both ask this.
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isTrustedUrl, rendererEntry } from '../../electron/main/trust'

const mainDir = '/opt/DHCP Field Kit/resources/app.asar/out/main'
const built = rendererEntry(undefined, mainDir)
const ownFile = pathToFileURL('/opt/DHCP Field Kit/resources/app.asar/out/renderer/index.html').href
const dev = rendererEntry('http://localhost:5173', mainDir)

describe('the built page (file://)', () => {
  it('is found beside the main bundle', () => {
    expect(built).toEqual({ file: '/opt/DHCP Field Kit/resources/app.asar/out/renderer/index.html' })
  })

  it('trusts exactly its own index.html, however Chromium spells the path', () => {
    expect(ownFile).toContain('DHCP%20Field%20Kit')
    expect(isTrustedUrl(ownFile, built)).toBe(true)
    expect(isTrustedUrl('file://localhost/opt/DHCP%20Field%20Kit/resources/app.asar/out/renderer/index.html', built)).toBe(true)
    expect(isTrustedUrl('file:///opt/DHCP%20Field%20Kit/resources/app.asar/out/renderer/%69ndex.html', built)).toBe(true)
  })

  it.each([
    ['another file whose query names the page', 'file:///etc/passwd?/renderer/index.html'],
    ['another file whose fragment names the page', 'file:///etc/passwd#/renderer/index.html'],
    ['another index.html under a renderer folder', 'file:///tmp/evil/renderer/index.html'],
    ['its own page with a query', `${ownFile}?x=1`],
    ['its own page with a fragment', `${ownFile}#x`],
    ['a file on another host', 'file://evil.example/opt/DHCP%20Field%20Kit/resources/app.asar/out/renderer/index.html'],
    ['a path climbing out of the page', `${ownFile}/../../../../../../etc/passwd`],
    ['a path climbing out with encoded dots', `${ownFile}/%2e%2e/%2E%2E/secret.html`],
    ['an encoded slash in place of a real one', 'file:///opt/DHCP%20Field%20Kit/resources/app.asar/out%2Frenderer%2Findex.html'],
    ['an encoded query mark', 'file:///etc/passwd%3F/renderer/index.html'],
    ['the page inside another folder', `file:///tmp${new URL(ownFile).pathname}`],
    ['javascript:', 'javascript:alert(1)//renderer/index.html'],
    ['about:blank', 'about:blank'],
    ['devtools://', 'devtools://devtools/bundled/inspector.html'],
    ['the dev server, in a build', 'http://localhost:5173/'],
    ['an empty URL (a destroyed frame)', ''],
    ['text that is no URL', '/renderer/index.html'],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedUrl(url, built)).toBe(false)
  })
})

describe('the dev server (http://)', () => {
  it('trusts its page, with or without the trailing slash', () => {
    expect(isTrustedUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isTrustedUrl('http://localhost:5173', dev)).toBe(true)
  })

  it.each([
    ['a host that merely starts with it', 'http://localhost:5173.evil.example/'],
    ['credentials before the host', 'http://localhost:5173@evil.example/'],
    ['credentials on its own host', 'http://user@localhost:5173/'],
    ['another port', 'http://localhost:5174/'],
    ['another scheme', 'https://localhost:5173/'],
    ['another host name for the same machine', 'http://127.0.0.1:5173/'],
    ['another path on it', 'http://localhost:5173/evil.html'],
    ['its page with a query', 'http://localhost:5173/?x=1'],
    ['its page with a fragment', 'http://localhost:5173/#x'],
    ['the built page, in development', ownFile],
    ['javascript:', 'javascript:alert(1)'],
    ['about:blank', 'about:blank'],
    ['devtools://', 'devtools://devtools/bundled/inspector.html'],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedUrl(url, dev)).toBe(false)
  })
})
