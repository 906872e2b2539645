// A CLI command's engine over a data folder: closed however the command ends, and a ContractError (a session that
// does not exist, a bad request) printed as the user's sentence with exit code 1 instead of a stack trace.
import { Engine, type EngineOptions } from '../engine/engine'
import { ContractError } from '../engine/errors'
import { appVersion } from './serve'

export async function withEngine(options: Omit<EngineOptions, 'mode' | 'version'>, work: (engine: Engine) => Promise<number>): Promise<number> {
  const engine = new Engine({ mode: 'browser', version: appVersion(), ...options })
  try {
    return await work(engine)
  } catch (error) {
    if (error instanceof ContractError) {
      process.stderr.write(`fieldkit: ${error.message}\n`)
      return 1
    }
    throw error
  } finally {
    engine.close()
  }
}
