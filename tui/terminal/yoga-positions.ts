/**
 * Where Yoga put each node of Ink's tree, asked of Yoga only when it laid the tree out
 * anew.
 *
 * Each computed position is a call into Yoga's WebAssembly, and reading a frame from the
 * tree (dom-frame.ts) takes three or four per node: at 100x30 about 400 calls, the
 * larger part of the read. Most frames need none of them. A keystroke changes one
 * row's content and a message every history row's, but rows are slots (row-atlas.ts):
 * their text in Ink's tree stays the same, so Yoga has nothing to lay out again.
 *
 * Yoga says when it did: a node it laid out has `hasNewLayout()` true until it is told
 * the layout was seen. Any change to the tree (a node added, moved or removed, a style,
 * a text) marks the changed node dirty up to the root, and laying out a dirty root lays
 * out each of its children, flagging them; Ink lays out only from the root. So when no
 * child of the root is flagged, every position is as it was at the last frame read.
 *
 * A frame's read asks for the nodes in the order it walks the tree, the same order
 * every frame while the tree is unchanged (and a change to it is a new layout): each
 * position is kept by that order as well, found by its index and checked by identity,
 * rather than looked up by node in a hash table on every ask.
 */
import type {DOMElement} from 'ink';

/** A node's place within its parent, and its width, as Yoga computed them. */
export interface NodePosition {
	readonly left: number;
	readonly top: number;
	readonly width: number;
	readonly height: number;
}

interface Cached extends NodePosition {
	readonly layout: number;
}

type YogaNode = NonNullable<DOMElement['yogaNode']>;

export class YogaPositions {
	private readonly cache = new WeakMap<YogaNode, Cached>();
	/** The nodes asked for in the last frame's read, in order, and their positions. */
	private readonly asked: YogaNode[] = [];
	private readonly answered: Cached[] = [];
	/** How many nodes this frame's read has asked for. */
	private next = 0;
	/** Counts the layouts Yoga made that a frame read; a position cached under an older one is stale. */
	private layouts = 0;

	/** Which of Yoga's layouts the frame being read has: the same number, the same positions. */
	get layout(): number {
		return this.layouts;
	}

	/** Starts reading a frame from the tree under `root` (Ink's root node, laid out already). */
	begin(root: DOMElement): void {
		this.next = 0;
		if (this.relaidOut(root)) {
			this.layouts++;
		}
	}

	/** Where `yoga` is: from Yoga if it laid the tree out since this was last asked, else as it was. */
	of(yoga: YogaNode): NodePosition {
		const index = this.next++;
		const inOrder = this.answered[index];
		if (this.asked[index] === yoga && inOrder !== undefined && inOrder.layout === this.layouts) {
			return inOrder;
		}
		let position = this.cache.get(yoga);
		if (position === undefined || position.layout !== this.layouts) {
			position = {
				left: yoga.getComputedLeft(),
				top: yoga.getComputedTop(),
				width: yoga.getComputedWidth(),
				height: yoga.getComputedHeight(),
				layout: this.layouts,
			};
			this.cache.set(yoga, position);
		}
		this.asked[index] = yoga;
		this.answered[index] = position;
		return position;
	}

	/** Ends the read: Yoga's layout is seen, so the next frame knows whether there is a newer one. */
	end(root: DOMElement): void {
		// Nodes past the last one asked for are no longer in the tree (or not reached): not
		// held. A read that asked for none (it kept its walk, dom-frame.ts) leaves them.
		if (this.next > 0) {
			this.asked.length = Math.min(this.asked.length, this.next);
			this.answered.length = this.asked.length;
		}
		for (const child of root.childNodes) {
			if (child.nodeName !== '#text') {
				child.yogaNode?.markLayoutSeen();
			}
		}
	}

	private relaidOut(root: DOMElement): boolean {
		let children = 0;
		for (const child of root.childNodes) {
			if (child.nodeName === '#text' || child.yogaNode === undefined) {
				continue;
			}
			children++;
			if (child.yogaNode.hasNewLayout()) {
				return true;
			}
		}
		// With no child to tell, the root's own layout is all there is: read it.
		return children === 0;
	}
}
