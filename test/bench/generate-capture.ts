// Makes the benchmark's capture: real DHCPv4 DORA and DHCPv6 SARR traffic between perfdhcp and Kea in the lab,
// recorded by dumpcap on the server's interface until it holds the wanted number of packets. Cached, because
// it takes about a minute; delete the file to make a fresh one.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { labUp } from '../../electron/lab/lab'

/** perfdhcp's rates: v4 exchanges/s and v6 exchanges/s; the lab's pools take 100 v4 and 256 v6 clients. */
const V4 = { rate: '4000', clients: '90' }
const V6 = { rate: '500', clients: '200' }

export async function generateCapture(path: string, packets: number): Promise<void> {
  if (existsSync(path)) return
  mkdirSync(dirname(path), { recursive: true })
  const lab = await labUp()
  const partial = `${path}.partial`
  rmSync(partial, { force: true })
  process.stderr.write(`bench: capturing ${packets.toLocaleString('en')} packets of perfdhcp ⇄ Kea traffic in the lab (about a minute)…\n`)
  const dumpcap = spawn('ip', ['netns', 'exec', lab.serverNamespace, 'dumpcap', '-q', '-P', '-i', lab.serverInterface, '-c', String(packets),
    '-f', 'udp port 67 or udp port 68 or udp port 546 or udp port 547', '-w', partial], { stdio: 'ignore' })
  const finished = new Promise<number | null>((done) => dumpcap.once('exit', done))
  await sleep(1500)
  const seconds = String(Math.ceil(packets / 15000) + 60)
  const perf = [
    spawn('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-l', lab.clientInterface, '-r', V4.rate, '-R', V4.clients, '-p', seconds, lab.serverAddress], { stdio: 'ignore' }),
    spawn('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-6', '-l', lab.clientInterface, '-r', V6.rate, '-R', V6.clients, '-p', seconds], { stdio: 'ignore' }),
  ]
  const code = await finished
  for (const p of perf) p.kill('SIGINT')
  if (code !== 0) throw new Error(`dumpcap stopped with status ${code} before capturing ${packets} packets`)
  renameSync(partial, path)
  spawnSync('sync')
}
