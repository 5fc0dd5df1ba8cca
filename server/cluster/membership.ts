/**
 * One chat across nodes: who is online where, and the lines between them.
 *
 * Every node mirrors the users of the others into its Chat (Chat.attachRemote): they are
 * listed, counted and messaged like its own, through a RemotePeer per user, which sends
 * what the chat gives it to that user's node over core NATS (one NATS message per node
 * per turn); the node hands it to the user's own connections there.
 *
 * Messages (MSG, DM) do not travel that way: core NATS is at most once, and a NATS
 * server lost mid-burst would lose them. Every node reads every message from the log
 * (JetStream, gap-free and in order) and delivers those of other nodes to its own users
 * (deliverLogged): nothing acknowledged is lost, and all see one order.
 *
 * What other nodes must mirror goes on `chat.presence`: a node's connections as they
 * come and go (ChatObserver), moves, new groups, a heartbeat, and on request (a node
 * that starts, or comes back after a cut) the full roster of each node. A node not heard
 * from within `deadAfterMs` is dead: each node takes its users' connections off its
 * mirrors and tells its own users who went offline, so no ghost stays listed.
 */
import type {NatsConnection, Subscription} from '@nats-io/nats-core';
import {nameKey} from '../../protocol/index.js';
import type {Chat, ChatObserver} from '../chat/chat.js';
import type {Group} from '../chat/group.js';
import type {StoredMessage} from '../chat/store.js';
import type {User} from '../chat/user.js';
import {sharedWire} from '../chat/wire.js';
import type {Logger} from '../log.js';
import type {Peer} from '../wire/peer.js';
import type {NatsLink} from './nats-link.js';
import {SharedWire} from '../wire/shared-wire.js';

export const PRESENCE_SUBJECT = 'chat.presence';
const deliverSubject = (node: string) => `chat.deliver.${node}`;

/** A user's connections on one node, as the others mirror them. */
interface Connected {
	readonly name: string;
	readonly key: string;
	readonly group: string;
	/** A guest's session token (its DMs are stored under it); absent for an account. */
	readonly session?: string;
}

type PresenceEvent =
	| {readonly kind: 'beat'; readonly node: string}
	| {readonly kind: 'hello'; readonly node: string}
	| {readonly kind: 'roster'; readonly node: string; readonly users: readonly Connected[]}
	| {readonly kind: 'connected'; readonly node: string; readonly user: Connected}
	| {readonly kind: 'disconnected'; readonly node: string; readonly key: string}
	| {readonly kind: 'moved'; readonly node: string; readonly key: string; readonly group: string}
	| {readonly kind: 'group'; readonly node: string; readonly name: string}
	| {readonly kind: 'bye'; readonly node: string};

/** Lines for some of a node's users: one NATS message per node per turn. */
interface Delivery {
	readonly items: ReadonlyArray<{
		readonly text: string;
		readonly messages: number;
		readonly lazy: boolean;
		readonly users: readonly string[];
	}>;
	/** Users whose connections there are to be ended once their lines are out. */
	readonly ends: readonly string[];
}

export interface MembershipOptions {
	readonly node: string;
	readonly nc: NatsConnection;
	readonly link: NatsLink;
	readonly log: Logger;
	/** How often this node says it is alive. */
	readonly beatMs: number;
	/** A node not heard from for this long is dead. */
	readonly deadAfterMs: number;
	/** A guest's name is let go cluster-wide (name-claims.ts) once the guest is gone. */
	readonly released?: (key: string) => void;
	readonly now?: () => number;
}

/** A user online on another node, as a Peer of this node's chat. */
export class RemotePeer implements Peer {
	constructor(
		readonly node: string,
		readonly key: string,
		private readonly outbox: Outbox,
	) {}

	send(wire: string, messages = 0): void {
		this.outbox.add(this.node, this.key, new SharedWire(wire, messages));
	}

	sendShared(wire: SharedWire): void {
		// MSG and DM lines reach the user's node through the log (deliverLogged), not here.
		if (wire.messages === 0) {
			this.outbox.add(this.node, this.key, wire);
		}
	}

	end(): void {
		this.outbox.end(this.node, this.key);
	}
}

/** What this node sends to each other node, gathered over a turn. */
class Outbox {
	private readonly byNode = new Map<string, {wires: Map<SharedWire, string[]>; ends: string[]}>();
	private scheduled = false;

	constructor(private readonly publish: (node: string, delivery: Delivery) => void) {}

	add(node: string, key: string, wire: SharedWire): void {
		const users = this.pending(node).wires;
		// A fan-out hands one wire to all its recipients before the next is made, so
		// grouping by wire keeps each user's lines in order.
		let keys = users.get(wire);
		if (!keys) {
			keys = [];
			users.set(wire, keys);
		}

		keys.push(key);
	}

	end(node: string, key: string): void {
		this.pending(node).ends.push(key);
	}

	private pending(node: string) {
		let pending = this.byNode.get(node);
		if (!pending) {
			pending = {wires: new Map(), ends: []};
			this.byNode.set(node, pending);
		}

		if (!this.scheduled) {
			this.scheduled = true;
			setImmediate(() => this.flush());
		}

		return pending;
	}

	private flush(): void {
		this.scheduled = false;
		for (const [node, {wires, ends}] of this.byNode) {
			const items = [...wires].map(([wire, users]) => ({
				text: wire.text,
				messages: wire.messages,
				lazy: wire.lazy,
				users,
			}));
			this.publish(node, {items, ends});
		}

		this.byNode.clear();
	}
}

function connectionsHere(user: User): Peer[] {
	return user.peers.all().filter((peer) => !(peer instanceof RemotePeer));
}

export class Membership implements ChatObserver {
	private chat: Chat | undefined;
	private readonly outbox: Outbox;
	/** This node's users with a connection here, by key. */
	private readonly local = new Map<string, User>();
	/** The other nodes: when each was last heard from, and the peers of its users here. */
	private readonly nodes = new Map<string, {seen: number; peers: Map<string, RemotePeer>}>();
	private readonly subscriptions: Subscription[] = [];
	private timer: NodeJS.Timeout | undefined;
	private readonly now: () => number;

	constructor(private readonly options: MembershipOptions) {
		this.now = options.now ?? Date.now;
		this.outbox = new Outbox((node, delivery) => this.publish(deliverSubject(node), delivery));
	}

	/** Whether `node` is this one or has been heard from within the deadline. */
	alive(node: string): boolean {
		return node === this.options.node || this.nodes.has(node);
	}

	/** How many other nodes are alive, for tests and the log. */
	get peerNodes(): number {
		return this.nodes.size;
	}

	/** Starts mirroring the others into `chat` and telling them of its users. */
	start(chat: Chat): void {
		this.chat = chat;
		const {nc, node} = this.options;
		this.subscriptions.push(
			nc.subscribe(PRESENCE_SUBJECT, {
				callback: (error, message) => {
					if (!error) {
						this.onPresence(message.json<PresenceEvent>());
					}
				},
			}),
			nc.subscribe(deliverSubject(node), {
				callback: (error, message) => {
					if (!error) {
						this.onDelivery(message.json<Delivery>());
					}
				},
			}),
		);
		this.announce({kind: 'hello', node});
		this.timer = setInterval(() => this.beat(), this.options.beatMs);
		this.timer.unref();
		// After a cut from NATS, whatever was said meanwhile is lost: every node sends its full roster again.
		this.options.link.onReconnect(() => this.announce({kind: 'hello', node}));
	}

	/** Says goodbye (the others drop this node's mirrors at once) and stops listening. */
	async stop(): Promise<void> {
		clearInterval(this.timer);
		this.announce({kind: 'bye', node: this.options.node});
		for (const subscription of this.subscriptions) {
			subscription.unsubscribe();
		}
	}

	// --- ChatObserver: this node's users ---

	connected(user: User): void {
		if (connectionsHere(user).length === 0) {
			return;
		}

		this.local.set(user.key, user);
		this.announce({kind: 'connected', node: this.options.node, user: describeUser(user)});
	}

	disconnected(user: User): void {
		if (this.local.get(user.key) !== user || connectionsHere(user).length > 0) {
			return;
		}

		this.local.delete(user.key);
		this.announce({kind: 'disconnected', node: this.options.node, key: user.key});
		if (!user.online && !user.isAccount) {
			this.options.released?.(user.key);
		}
	}

	moved(user: User, to: Group): void {
		if (this.local.get(user.key) === user) {
			this.announce({kind: 'moved', node: this.options.node, key: user.key, group: to.name});
		}
	}

	groupCreated(group: Group): void {
		this.announce({kind: 'group', node: this.options.node, name: group.name});
	}

	/**
	 * A message another node stored, read from the log: to this node's connections of its
	 * group's members (a group message), or of its sender and recipient (a DM).
	 */
	deliverLogged(message: StoredMessage): void {
		const wire = sharedWire(message);
		if (message.type === 'MSG') {
			for (const member of this.chat!.ensureGroup(message.group).members) {
				for (const peer of connectionsHere(member)) {
					peer.sendShared(wire);
				}
			}

			return;
		}

		for (const name of new Set([nameKey(message.to), nameKey(message.from)])) {
			const user = this.local.get(name);
			for (const peer of user ? connectionsHere(user) : []) {
				peer.sendShared(wire);
			}
		}
	}

	// --- The others ---

	private onPresence(event: PresenceEvent): void {
		const chat = this.chat!;
		const {node} = this.options;
		if (event.node === node) {
			return;
		}

		const known = this.nodes.get(event.node);
		const other = known ?? {seen: 0, peers: new Map<string, RemotePeer>()};
		other.seen = this.now();
		if (!known && event.kind !== 'bye') {
			this.nodes.set(event.node, other);
			this.options.log.info('cluster_node_up', {node: event.node});
			if (event.kind !== 'hello' && event.kind !== 'roster') {
				// A node we did not know (started or back after a cut): everyone's full roster, its too.
				this.announce({kind: 'hello', node});
			}
		}

		switch (event.kind) {
			case 'hello': {
				this.announce({kind: 'roster', node, users: [...this.local.values()].map(describeUser)});
				break;
			}

			case 'roster': {
				const listed = new Set(event.users.map((user) => user.key));
				for (const [key, peer] of other.peers) {
					if (!listed.has(key)) {
						this.detach(other.peers, key, peer, false);
					}
				}

				for (const user of event.users) {
					this.attach(event.node, other.peers, user);
				}

				break;
			}

			case 'connected': {
				this.attach(event.node, other.peers, event.user);
				break;
			}

			case 'disconnected': {
				const peer = other.peers.get(event.key);
				if (peer) {
					this.detach(other.peers, event.key, peer, false);
				}

				break;
			}

			case 'moved': {
				chat.moveRemote(event.key, event.group);
				break;
			}

			case 'group': {
				chat.ensureGroup(event.name);
				break;
			}

			case 'bye': {
				this.dropNode(event.node, false);
				break;
			}

			case 'beat': {
				break;
			}
		}
	}

	private onDelivery(delivery: Delivery): void {
		for (const item of delivery.items) {
			const wire = new SharedWire(item.text, item.messages, item.lazy);
			for (const key of item.users) {
				const user = this.local.get(key);
				if (user) {
					for (const peer of connectionsHere(user)) {
						peer.sendShared(wire);
					}
				}
			}
		}

		for (const key of delivery.ends) {
			const user = this.local.get(key);
			if (user) {
				for (const peer of connectionsHere(user)) {
					peer.end();
				}
			}
		}
	}

	private attach(node: string, peers: Map<string, RemotePeer>, user: Connected): void {
		let peer = peers.get(user.key);
		if (!peer) {
			peer = new RemotePeer(node, user.key, this.outbox);
			peers.set(user.key, peer);
		}

		const chat = this.chat!;
		chat.attachRemote(user.name, user.key, user.group, user.session, peer);
		chat.moveRemote(user.key, user.group);
	}

	/** `announce`: the node died, so nobody told this node's users that its users went: tell them here. */
	private detach(peers: Map<string, RemotePeer>, key: string, peer: RemotePeer, announce: boolean): void {
		peers.delete(key);
		const gone = this.chat!.detachRemote(key, peer);
		if (gone && announce) {
			const wire = sharedWire({type: 'OFFLINE', user: gone.name, group: gone.group.name});
			for (const user of this.local.values()) {
				for (const connection of connectionsHere(user)) {
					connection.sendShared(wire);
				}
			}
		}
	}

	private dropNode(node: string, died: boolean): void {
		const other = this.nodes.get(node);
		if (!other) {
			return;
		}

		this.nodes.delete(node);
		this.options.log.info(died ? 'cluster_node_dead' : 'cluster_node_left', {node, users: other.peers.size});
		for (const [key, peer] of other.peers) {
			this.detach(other.peers, key, peer, died);
		}
	}

	private beat(): void {
		this.announce({kind: 'beat', node: this.options.node});
		const deadline = this.now() - this.options.deadAfterMs;
		for (const [node, other] of this.nodes) {
			if (other.seen < deadline) {
				this.dropNode(node, true);
			}
		}
	}

	private announce(event: PresenceEvent): void {
		this.publish(PRESENCE_SUBJECT, event);
	}

	private publish(subject: string, data: unknown): void {
		if (!this.options.nc.isClosed()) {
			this.options.nc.publish(subject, JSON.stringify(data));
		}
	}
}

function describeUser(user: User): Connected {
	return user.session === undefined
		? {name: user.name, key: user.key, group: user.group.name}
		: {name: user.name, key: user.key, group: user.group.name, session: user.session};
}
