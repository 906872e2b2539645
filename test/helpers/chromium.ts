import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium'
export const artifactsDir = new URL('../../test-results/', import.meta.url).pathname

export function chromiumUnavailable(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium keeps dialling out on a machine with no network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}
