import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron'
import type { AppCommand } from '../contract/methods'
import { EVENT_CHANNEL } from './channels'

function command(name: AppCommand) {
  return () => BrowserWindow.getFocusedWindow()?.webContents.send(EVENT_CHANNEL, 'app.command', { command: name })
}

export function installMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open Capture…', accelerator: 'CmdOrCtrl+O', click: command('open-capture') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Display Filter', accelerator: 'CmdOrCtrl+/', click: command('focus-filter') },
        { label: 'Cycle Theme', accelerator: 'CmdOrCtrl+Shift+L', click: command('toggle-theme') },
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' },
        ...(process.env.ELECTRON_RENDERER_URL ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
