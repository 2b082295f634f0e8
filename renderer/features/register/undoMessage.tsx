import { Button, type App } from 'antd';

/** antd's message API as App.useApp() gives it (themed, inside the app's providers). */
type MessageInstance = ReturnType<typeof App.useApp>['message'];

/** What {@link showUndoable} shows and does. */
export interface UndoableMessage {
  /** One message per record: a second delete of the same record replaces it. */
  readonly key: string;
  /** "已删除…". */
  readonly text: string;
  /** "撤销". */
  readonly undoLabel: string;
  /** Undoes the change; the caller reports its outcome. */
  readonly onUndo: () => Promise<void>;
}

/** How long the undo stays offered, in seconds. */
const UNDO_SECONDS = 10;

/**
 * A success message with an 撤销 button for a change that is easy to make by mistake (a delete):
 * shown for 10 seconds, the button closes it and undoes. The same for scenarios, pilots and partners.
 */
export function showUndoable(message: MessageInstance, { key, text, undoLabel, onUndo }: UndoableMessage): void {
  void message.success({
    key,
    duration: UNDO_SECONDS,
    content: (
      <span>
        {text}{' '}
        <Button
          size="small"
          type="link"
          onClick={() => {
            message.destroy(key);
            void onUndo();
          }}
        >
          {undoLabel}
        </Button>
      </span>
    ),
  });
}
