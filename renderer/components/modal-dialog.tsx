import { type ReactNode, type RefObject, useEffect, useRef } from 'react';

/** Props of a modal dialog. */
export interface ModalDialogProps {
  /** The id of the dialog's heading: its accessible name. */
  readonly labelledBy: string;
  /** The id of the sentence that says what the dialog asks. */
  readonly describedBy?: string;
  /** Escape or the Cancel button: the parent closes the dialog by unmounting it. */
  readonly onCancel: () => void;
  /** While true, Escape does nothing (an action the dialog started is under way). */
  readonly busy?: boolean;
  /** What takes the focus when the dialog opens; default the browser's choice (the first focusable). */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** Where the focus goes when the dialog closes, when the element that opened it is gone. */
  readonly returnFocus?: () => HTMLElement | null;
  readonly className?: string;
  readonly children: ReactNode;
}

/**
 * A modal `<dialog>` (shown with `showModal`, so the rest of the page is inert and the focus stays inside it),
 * named by its heading. Opens when mounted, closes when unmounted, and gives the focus back to the element
 * that had it, or to `returnFocus` when that one left the page.
 */
export function ModalDialog(props: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const mounted = useRef(false);
  // The focus targets as of now, read when the dialog opens and closes.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
    mounted.current = true;
    if (!element.open) element.showModal();
    latest.current.initialFocus?.current?.focus();
    return () => {
      mounted.current = false;
      if (element.open) element.close();
      const target = opener?.isConnected ? opener : (latest.current.returnFocus?.() ?? null);
      target?.focus();
    };
    // Runs once: the dialog opens on mount and closes on unmount.
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`modal${props.className === undefined ? '' : ` ${props.className}`}`}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      onCancel={(event) => {
        // The parent decides: it unmounts the dialog, or keeps it open while busy.
        event.preventDefault();
        if (props.busy !== true) props.onCancel();
      }}
      onClose={(event) => {
        // The browser may close a modal dialog despite preventDefault (a second Escape): follow it, or
        // keep the dialog up while its action runs.
        if (!mounted.current) return;
        if (props.busy === true) event.currentTarget.showModal();
        else props.onCancel();
      }}
    >
      {props.children}
    </dialog>
  );
}
