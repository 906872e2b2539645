// The desktop app itself, where the Electron binary could be installed; this machine image cannot download it.
import { describe, expect, it } from 'vitest'
import { _electron as electron } from 'playwright-core'
import { electronBinary } from '../../electron/cli/start'
import { corpusDir } from '../helpers/corpus'
import { artifactsDir } from '../helpers/chromium'
import { tempDataDir } from '../helpers/engine'

const binary = electronBinary()

describe.skipIf(binary === null)(`Electron app${binary === null ? ' (skipped: the Electron binary is not installed; it cannot be downloaded here)' : ''}`, () => {
  it('starts with a sandboxed renderer, opens a capture and decodes a packet', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--no-sandbox'], env: { ...process.env, FIELDKIT_DATA_DIR: tempDataDir() } })
    const window = await app.firstWindow()
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
    await window.getByTestId('file-input').setInputFiles(`${corpusDir}zeek__dhcp.pcap`)
    await window.locator('.row[data-frame="2"]').click()
    await window.getByTestId('field-tree').getByText('Dynamic Host Configuration Protocol (Offer)').waitFor()
    await window.screenshot({ path: `${artifactsDir}electron-packet.png` })
    await app.close()
  })
})
