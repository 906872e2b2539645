// The Leases view's database source in Chromium against the real `fieldkit serve`: Kea's PostgreSQL lease database
// (leases written by Kea itself, test/helpers/sql-lease-lab.ts) saved through the form with its password and CA
// file, opened over TLS, and a wrong password said in words.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import {
  buildNetwork, createDatabase, perfdhcp, postgresCa, removeLabDir, removeNetwork, sqlLab, sqlLabUnavailable, startKea, type LabDatabase, type LabKea,
} from '../helpers/sql-lease-lab'
import { tempDir } from '../helpers/temp'

const unavailable = browserAppUnavailable() ?? sqlLabUnavailable()
/** Its own Kea, namespaces and database: the lab tests may run theirs at the same time. */
const lab = sqlLab('ui')
const CLIENTS = 16

let opened: AppPage | undefined
let page: Page
let kea: LabKea | undefined
let database: LabDatabase

async function saveDatabase(name: string, password: string, ca?: string) {
  await page.getByTestId('lease-open-database').click()
  await page.getByTestId('lease-db-name').fill(name)
  await page.getByTestId('lease-db-url').fill(database.url)
  await page.getByTestId('lease-db-password').fill(password)
  if (ca) {
    await page.getByTestId('lease-db-tls').check()
    await page.getByTestId('lease-db-ca').setInputFiles(ca)
    await page.screenshot({ path: `${artifactsDir}leases-database-form.png` })
  }
  await page.getByTestId('lease-db-save').click()
  await page.getByTestId(`lease-open-db-${name}-4`).waitFor()
}

describe.skipIf(unavailable !== null)(`Lease database in the Leases view${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    buildNetwork(lab)
    database = createDatabase(lab, 'postgresql')
    kea = await startKea(lab, database.keaDatabase)
    perfdhcp(lab, 4, CLIENTS)
    opened = await openAppPage()
    page = opened.page
    await page.goto(opened.app.url)
  }, 180_000)
  afterAll(async () => {
    await opened?.close()
    await kea?.stop()
    removeNetwork(lab)
    removeLabDir(lab)
  })

  it('saves a PostgreSQL lease database with its password and CA, and opens its leases over TLS', async () => {
    const ca = join(tempDir('sql-leases-e2e'), 'ca.pem')
    writeFileSync(ca, postgresCa())
    await page.getByRole('button', { name: 'Leases', exact: true }).click()
    await saveDatabase('kea-pg', database.readerPassword, ca)
    await page.getByTestId('lease-open-db-kea-pg-4').click()
    await expect.poll(() => page.getByTestId('lease-counts').locator('span').first().textContent(), { timeout: 30_000 }).toBe(`${CLIENTS} shown of ${CLIENTS}`)
    expect(await page.locator('[data-testid="lease-row"][data-address]').first().getAttribute('data-address')).toBe('192.0.2.100')
    await page.screenshot({ path: `${artifactsDir}leases-database.png` })
    expect(opened!.errors).toEqual([])
  }, 60_000)

  it('says a wrong password is one', async () => {
    await saveDatabase('kea-pg-wrong', 'not-the-password')
    await page.getByTestId('lease-open-db-kea-pg-wrong-4').click()
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 20_000 })
      .toMatch(/PostgreSQL at 127\.0\.0\.1:\d+ refused the password of user "fieldkit_ui_reader" \(SQLSTATE 28P01\): check the password\./)
    await page.screenshot({ path: `${artifactsDir}leases-database-wrong-password.png` })
  }, 60_000)
})
