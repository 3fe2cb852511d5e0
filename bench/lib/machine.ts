/**
 * Describes the machine a run happened on, for the report header.
 */
import { cpus, totalmem } from 'node:os'

export interface MachineInfo {
  cpuModel: string
  cores: number
  totalMemoryGiB: number
  nodeVersion: string
  v8Version: string
  platform: string
  arch: string
  date: string
}

export function describeMachine(date = new Date()): MachineInfo {
  const list = cpus()
  return {
    cpuModel: list[0]?.model?.trim() || 'unknown',
    cores: list.length,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    date: date.toISOString(),
  }
}
