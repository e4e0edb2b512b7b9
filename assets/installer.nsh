; Included by electron-builder's NSIS installer (nsis.include). Offers RDP Probe under "Open with" for
; .rdp files without taking the default from the user's RDP client: only a ProgID and an
; OpenWithProgids value are written, never the default value of Software\Classes\.rdp.
!macro customInstall
  WriteRegStr SHCTX "Software\Classes\RDPProbe.RdpFile" "" "Remote Desktop connection"
  WriteRegStr SHCTX "Software\Classes\RDPProbe.RdpFile\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHCTX "Software\Classes\RDPProbe.RdpFile\shell\open" "" "Diagnose with RDP Probe"
  WriteRegStr SHCTX "Software\Classes\RDPProbe.RdpFile\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHCTX "Software\Classes\.rdp\OpenWithProgids" "RDPProbe.RdpFile"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHCTX "Software\Classes\.rdp\OpenWithProgids" "RDPProbe.RdpFile"
  DeleteRegKey SHCTX "Software\Classes\RDPProbe.RdpFile"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
