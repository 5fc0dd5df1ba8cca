/**
 * `/me waves`: an action line, shown as `* alice waves`. It travels as an ordinary
 * message whose text is `* alice waves`, so the protocol does not change and the lab's
 * clients, which know only MESSAGE and MSG lines, show something that still reads right
 * (`alice: * alice waves`). This client recognises it by the sender's own name after the
 * `* `, so nobody can make a line look like someone else's action.
 */
import {nameKey} from '../../protocol/index.js';

/** The message text `/me <action>` sends as `name`. */
export function actionText(name: string, action: string): string {
	return `* ${name} ${action}`;
}

/** The action a message from `from` describes, or undefined when it is not an action line. */
export function actionOf(from: string, text: string): string | undefined {
	const match = /^\* (\S+) (.*)$/s.exec(text);
	return match && match[2]!.trim() !== '' && nameKey(match[1]!) === nameKey(from) ? match[2] : undefined;
}
