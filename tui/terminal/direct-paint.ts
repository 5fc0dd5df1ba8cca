/**
 * What a store whose changes may skip React keeps (chat-store.ts, editor-store.ts): the
 * views React renders, each asked before a change is painted without it, and the one
 * direct painter. Components register both as they mount and undo them as they go.
 */
export class DirectPaint<View, Painter> {
	readonly views = new Set<View>();
	painter: Painter | undefined;

	/** Registers a view; returns the undo. */
	readonly watch = (view: View): (() => void) => {
		this.views.add(view);
		return () => {
			this.views.delete(view);
		};
	};

	/** Installs the one painter; returns the undo, which leaves a painter installed since in place. */
	readonly install = (painter: Painter): (() => void) => {
		this.painter = painter;
		return () => {
			if (this.painter === painter) {
				this.painter = undefined;
			}
		};
	};
}
