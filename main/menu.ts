import { Menu, type MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do. */
export interface MenuActions {
  readonly openRdpFile: () => void;
}

/** The application menu: File (open an .rdp file, quit), Edit (for the text fields), View, Window, Help. */
export function buildAppMenu(actions: MenuActions, isMac: boolean, isPackaged: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open .rdp File…', accelerator: 'CmdOrCtrl+O', click: () => actions.openRdpFile() },
        // Open and save bundles, and Azure sign-in (in the system browser), arrive with their issues.
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
