/**
 * A chat node joining the cluster (`chat serve --nats URL[,URL]`): its NATS connection,
 * the stream and buckets (made by the first node), its id slot, its replica built from
 * the log, the Store, the message ids and the membership the server is started with;
 * and, when a write could not be stored, the rebuild of its replica once NATS answers.
 */
import {randomBytes, type KeyObject} from 'node:crypto';
import {jetstreamManager, type JetStreamClient, type JetStreamManager} from '@nats-io/jetstream';
import {Kvm, type KV} from '@nats-io/kv';
import type {NatsConnection} from '@nats-io/nats-core';
import {connect} from '@nats-io/transport-node';
import type {Chat} from '../chat/chat.js';
import type {Store} from '../chat/store.js';
import type {CommandTable} from '../commands/handler.js';
import type {Logger} from '../log.js';
import {MEMORY, openImage, openStore} from '../store/open-store.js';
import {clusterNewGroup, GROUPS_BUCKET} from './cluster-new-group.js';
import {ClusterSentIds} from './cluster-sent-ids.js';
import {clusterSetName} from './cluster-set-name.js';
import {ClusterIds, SLOTS} from './cluster-ids.js';
import {ClusterStore, type Replica} from './cluster-store.js';
import {describe, ensureLogStream, JetStreamLog, LOG_STREAM, LogFollower, LogGap} from './jetstream-log.js';
import {Snapshots, SNAPSHOTS_BUCKET} from './snapshots.js';
import {applyOp, type LogEntry} from './log-ops.js';
import {Membership} from './membership.js';
import {NatsLink} from './nats-link.js';
import {NameClaims, NAMES_BUCKET} from './name-claims.js';
import {ClusterPageSteps, STEP_CLAIM_TTL_MS, STEPS_BUCKET} from './page-steps.js';
import {afterCatchingUp, READS_BY_ID} from './read-barrier.js';

export const NODES_BUCKET = 'chat-nodes';
/** A node's id slot is its own while it renews the lease; a dead node's is free again after this. */
const SLOT_LEASE_MS = 30_000;
/** A snapshot is taken once the log has this many entries past the newest one. */
const SNAPSHOT_ENTRIES = 100_000;
/** How often the node looks whether a snapshot is due. */
const SNAPSHOT_CHECK_MS = 30_000;
/** A purge keeps the entries of the last 10 minutes: a guest's client ids are remembered that long. */
const LOG_KEEP_MS = 10 * 60 * 1000;
/** The lease (in `chat-nodes`) of the one node that takes snapshots and purges the log. */
const SNAPSHOT_WRITER = 'snapshot-writer';
/** Builds of a replica in a row that may find a snapshot replaced under them. */
const BUILD_TRIES = 5;
/** How long a rebuild waits before trying again when NATS still does not answer. */
const RECOVERY_RETRY_MS = 250;

/** Why a node could not join: one line for the operator. */
export class ClusterJoinError extends Error {
	override readonly name = 'ClusterJoinError';
}

export interface ClusterNodeOptions {
	/** NATS URLs; every member of a NATS cluster, or some of them. */
	readonly servers: readonly string[];
	readonly log: Logger;
	/** Copies of the stream and buckets: 3 where NATS is a 3-member cluster (the default with 3 or more URLs), else 1. */
	readonly replicas?: number;
	/** How often the node says it is alive (default 1 s). */
	readonly beatMs?: number;
	/** A node not heard from this long is dead and its users offline (default 3 s). */
	readonly deadAfterMs?: number;
	/** Signs the replica's audit checkpoints; by default a key of this process only (the replica is rebuilt at each start anyway). */
	readonly auditKey?: KeyObject;
	/** The chat's clock: a guest's client ids are forgotten by it (cluster-sent-ids.ts). */
	readonly clock?: () => Date;
	/** A snapshot is taken once the log has this many entries past the newest one (default 100 000). */
	readonly snapshotEntries?: number;
	/** A purge keeps the entries read within this long (default 10 minutes: a guest's client-id window). */
	readonly logKeepMs?: number;
}

/** What building a replica reads from. */
interface Sources {
	readonly js: JetStreamClient;
	readonly jsm: JetStreamManager;
	readonly snapshots: Snapshots;
	readonly sentIds: ClusterSentIds;
	readonly auditKey: KeyObject | undefined;
}

interface Built {
	readonly replica: Replica;
	readonly follower: LogFollower;
	/** The last entry the replica holds (from the snapshot or the log). */
	readonly upTo: number;
}

export class ClusterNode {
	readonly store: ClusterStore;
	private follower: LogFollower;
	/** Entries of this node up to this sequence are in the replica already, from the log; later ones it applied as it wrote. */
	private builtUpTo: number;
	/** The sequence of the last log entry the replica holds. */
	private applied = 0;
	/** Messages of other nodes up to this sequence have been delivered to this node's users (never twice). */
	private delivered: number;
	private waiting: Array<{readonly seq: number; readonly resolve: () => void}> = [];
	private recovering = false;
	private closed = false;
	private readonly leaseTimer: NodeJS.Timeout;
	private readonly snapshotTimer: NodeJS.Timeout;
	/** The sequence the newest snapshot this node knows of covers. */
	private snapshotSeq = 0;
	/** One (time, sequence) a second of the entries read: what a purge must keep. */
	private readonly reads: Array<{readonly time: number; readonly seq: number}> = [];
	private readonly snapshotEntries: number;
	private readonly logKeepMs: number;

	private constructor(
		readonly id: string,
		readonly ids: ClusterIds,
		private readonly slot: number,
		private readonly nc: NatsConnection,
		private readonly link: NatsLink,
		private readonly js: JetStreamClient,
		private readonly jsm: JetStreamManager,
		private readonly nodesKv: KV,
		readonly membership: Membership,
		private readonly claims: NameClaims,
		private readonly groupClaims: NameClaims,
		private readonly steps: ClusterPageSteps,
		readonly sentIds: ClusterSentIds,
		replica: Replica,
		follower: LogFollower,
		builtUpTo: number,
		private readonly log: Logger,
		private readonly sources: Sources,
		private readonly writer: NameClaims,
		options: ClusterNodeOptions,
	) {
		this.follower = follower;
		this.builtUpTo = builtUpTo;
		this.applied = builtUpTo;
		// What was in the log before this node started is history, not news.
		this.delivered = builtUpTo;
		this.store = new ClusterStore({
			node: id,
			log: new JetStreamLog(link, js),
			replica,
			diverged: () => void this.recover(),
		});
		sentIds.writeTo((user, clientId, reply) => this.store.rememberGuestClientId(user, clientId, reply));
		this.leaseTimer = setInterval(() => {
			void nodesKv.put(slotKey(slot), id).catch(() => undefined);
		}, SLOT_LEASE_MS / 3);
		this.leaseTimer.unref();
		this.snapshotEntries = options.snapshotEntries ?? SNAPSHOT_ENTRIES;
		this.logKeepMs = options.logKeepMs ?? LOG_KEEP_MS;
		this.snapshotTimer = setInterval(() => {
			if (this.applied - this.snapshotSeq >= this.snapshotEntries) {
				this.snapshot().catch((error: unknown) =>
					this.log.warn('cluster_snapshot_failed', {node: this.id, error: describe(error)}),
				);
			}
		}, SNAPSHOT_CHECK_MS);
		this.snapshotTimer.unref();
	}

	/** Connects, prepares the stream and buckets, and builds the replica from the log. Throws ClusterJoinError. */
	static async join(options: ClusterNodeOptions): Promise<ClusterNode> {
		const {servers, log} = options;
		const id = randomBytes(6).toString('hex');
		const replicas = options.replicas ?? (servers.length >= 3 ? 3 : 1);
		let nc: NatsConnection;
		try {
			nc = await connect({
				servers: [...servers],
				name: `chat-${id}`,
				// A chat node keeps trying for as long as it runs: it recovers by itself.
				maxReconnectAttempts: -1,
				reconnectTimeWait: 250,
			});
		} catch (error) {
			throw new ClusterJoinError(`cannot reach NATS at ${servers.join(',')}: ${describe(error)}.`);
		}

		try {
			const jsm = await jetstreamManager(nc);
			const js = jsm.jetstream();
			await ensureLogStream(jsm, replicas);
			const kvm = new Kvm(js);
			const names = await kvm.create(NAMES_BUCKET, {replicas});
			const groupsKv = await kvm.create(GROUPS_BUCKET, {replicas});
			const stepsKv = await kvm.create(STEPS_BUCKET, {replicas, ttl: STEP_CLAIM_TTL_MS});
			const nodesKv = await kvm.create(NODES_BUCKET, {replicas, ttl: SLOT_LEASE_MS});
			const snapshotsKv = await kvm.create(SNAPSHOTS_BUCKET, {replicas});
			const slot = await claimSlot(nodesKv, id);
			const ids = new ClusterIds(slot);
			const sentIds = new ClusterSentIds({now: () => (options.clock?.() ?? new Date()).getTime()});
			const sources: Sources = {js, jsm, snapshots: new Snapshots(snapshotsKv), sentIds, auditKey: options.auditKey};
			// Entries go to the replica until the node is made, then through the node.
			const joined: {node?: ClusterNode; applied: number} = {applied: 0};
			const {
				replica,
				follower,
				upTo: builtUpTo,
			} = await buildReplica(
				sources,
				(replica) => (entry, seq) => {
					if (joined.node) {
						joined.node.onEntry(entry, seq);
					} else {
						apply(replica, entry, ids, sentIds);
						joined.applied = seq;
					}
				},
				() => joined.node?.rebuildAfterGap(),
			);
			ids.observe(replica.lastMessageId());
			const link = new NatsLink(nc);
			const membership = new Membership({
				node: id,
				nc,
				link,
				log,
				beatMs: options.beatMs ?? 1000,
				deadAfterMs: options.deadAfterMs ?? 3000,
				released: (key) => void claims.release(key).catch(() => undefined),
			});
			const alive = (other: string) => membership.alive(other);
			const claims = new NameClaims(names, id, alive);
			const groupClaims = new NameClaims(groupsKv, id, alive);
			const stepClaims = new NameClaims(stepsKv, id, alive);
			const writer = new NameClaims(nodesKv, id, alive);
			const caughtUp = () => joined.node!.caughtUp();
			const steps = new ClusterPageSteps(stepClaims, caughtUp, log);
			const node = new ClusterNode(
				id,
				ids,
				slot,
				nc,
				link,
				js,
				jsm,
				nodesKv,
				membership,
				claims,
				groupClaims,
				steps,
				sentIds,
				replica,
				follower,
				builtUpTo,
				log,
				sources,
				writer,
				options,
			);
			node.snapshotSeq = await sources.snapshots.newestSeq();
			node.applied = Math.max(node.applied, joined.applied);
			joined.node = node;
			log.info('cluster_joined', {node: id, slot, servers: servers.join(','), log_entries: builtUpTo, replicas});
			return node;
		} catch (error) {
			await nc.close();
			throw error instanceof ClusterJoinError
				? error
				: new ClusterJoinError(`cannot join the chat cluster on NATS at ${servers.join(',')}: ${describe(error)}.`);
		}
	}

	/** The command table with SET_NAME and NEW_GROUP claiming names cluster-wide, and logins and reads by id catching up first. */
	handlers(table: CommandTable): CommandTable {
		const caughtUp = () => this.caughtUp();
		const reads = afterCatchingUp(table, READS_BY_ID, caughtUp, this.log);
		const groups = clusterNewGroup(reads, this.groupClaims, this.log);
		return clusterSetName(groups, {claims: this.claims, caughtUp}, this.log);
	}

	/** Resolves once the replica holds every entry the log had when called (a read barrier). */
	async caughtUp(): Promise<void> {
		const last = (await this.jsm.streams.info(LOG_STREAM)).state.last_seq;
		if (this.applied >= last) {
			return;
		}

		await new Promise<void>((resolve) => this.waiting.push({seq: last, resolve}));
	}

	/** What startServer needs to tell this node of its chat. */
	get server() {
		return {
			observer: this.membership,
			start: (chat: Chat) => this.membership.start(chat),
			steps: this.steps,
		};
	}

	/** Leaves the cluster: what is pending is stored, the others are told, the connection drained. */
	async close(): Promise<void> {
		if (this.closed) {
			return;
		}

		this.closed = true;
		clearInterval(this.leaseTimer);
		clearInterval(this.snapshotTimer);
		await this.membership.stop();
		await this.store.settled();
		await this.follower.stop();
		if (this.link.up) {
			await this.nodesKv.delete(slotKey(this.slot)).catch(() => undefined);
		}

		await this.nc.close();
	}

	/**
	 * Takes a snapshot and purges the log below it, if this node is the one that does
	 * (the `snapshot-writer` lease) and has written nothing that the log might not hold
	 * below the sequence it covers: nothing open or in flight, before and after catching
	 * up, so every entry of its own is at or below the last one it read. Resolves with the
	 * sequence the snapshot covers, or undefined when none was taken.
	 */
	async snapshot(): Promise<number | undefined> {
		if (this.closed || this.recovering || !this.link.up || this.store.refusing || this.store.pending) {
			return undefined;
		}

		if (!(await this.writer.claim(SNAPSHOT_WRITER))) {
			// Another node writes them: count from its newest, so this one asks again only when one is due.
			this.snapshotSeq = await this.sources.snapshots.newestSeq();
			return undefined;
		}

		const published = this.store.published;
		await this.caughtUp();
		if (this.store.pending || this.store.refusing || this.store.published !== published) {
			return undefined;
		}

		const seq = this.applied;
		const image = this.store.replicaImage();
		await this.sources.snapshots.save(`${this.id}-${seq}`, {seq, image});
		this.snapshotSeq = seq;
		const below = Math.min(seq + 1, this.keptFrom());
		if (below > 1) {
			await this.jsm.streams.purge(LOG_STREAM, {seq: below});
		}

		this.log.info('cluster_snapshot', {node: this.id, seq, bytes: image.length, purged_below: below});
		return seq;
	}

	/** The first entry read within logKeepMs (a purge keeps it and those after it). */
	private keptFrom(): number {
		const since = Date.now() - this.logKeepMs;
		return this.reads.find((read) => read.time > since)?.seq ?? this.applied + 1;
	}

	private sample(seq: number): void {
		const time = Date.now();
		const last = this.reads.at(-1);
		if (!last || time - last.time >= 1000) {
			this.reads.push({time, seq});
			while (this.reads.length > 1 && this.reads[1]!.time < time - this.logKeepMs) {
				this.reads.shift();
			}
		}
	}

	private onEntry(entry: LogEntry, seq: number): void {
		// This node's own later entries were applied when they were written.
		if (entry.node !== this.id || seq <= this.builtUpTo) {
			this.store.applyRemote((replica) => apply(replica, entry, this.ids, this.sentIds));
			this.steps.applied(entry);
		}

		this.deliver(entry, seq);
		this.applied = seq;
		this.sample(seq);
		if (this.waiting.length > 0) {
			const ready = this.waiting.filter((waiter) => waiter.seq <= seq);
			this.waiting = this.waiting.filter((waiter) => waiter.seq > seq);
			for (const waiter of ready) {
				waiter.resolve();
			}
		}
	}

	/** The messages of another node's entry, to this node's users, once (after a rebuild too). */
	private deliver(entry: LogEntry, seq: number): void {
		if (seq <= this.delivered) {
			return;
		}

		this.delivered = seq;
		if (entry.node === this.id) {
			// This node delivered its own when they were acknowledged.
			return;
		}

		for (const op of entry.ops) {
			if (op.op === 'group' || op.op === 'dm') {
				this.membership.deliverLogged(op.message);
			}
		}
	}

	/** The log was purged past what this replica holds (it was cut off meanwhile): writes wait for a rebuild from the newest snapshot. */
	private rebuildAfterGap(): void {
		this.log.warn('cluster_log_gap', {node: this.id, applied: this.applied});
		this.store.refuseUntilRebuilt('the log was compacted past what it held');
		void this.recover();
	}

	/**
	 * A turn could not be stored, so the replica may hold what the log does not (or the
	 * log was purged past the replica): build a new one from the newest snapshot and the
	 * log (retrying while NATS does not answer) and put it in place.
	 */
	private async recover(): Promise<void> {
		if (this.recovering) {
			return;
		}

		this.recovering = true;
		this.log.warn('cluster_recovering', {node: this.id});
		while (!this.closed) {
			await this.store.settled();
			await this.link.whenUp();
			let swapped = false;
			try {
				const {replica, follower, upTo} = await buildReplica(
					this.sources,
					(replica) => (entry, seq) => {
						if (swapped) {
							this.onEntry(entry, seq);
						} else {
							apply(replica, entry, this.ids, this.sentIds);
							// Whichever follower reads an entry first delivers it.
							this.deliver(entry, seq);
						}
					},
					() => this.rebuildAfterGap(),
				);
				await this.follower.stop();
				this.follower = follower;
				this.builtUpTo = upTo;
				this.applied = Math.max(this.applied, upTo);
				swapped = true;
				this.store.replaceReplica(replica);
				this.log.info('cluster_recovered', {node: this.id, log_entries: upTo});
				break;
			} catch (error) {
				this.log.warn('cluster_recovery_retry', {node: this.id, error: describe(error)});
				// JetStream may not answer yet just after a reconnect (a restarted server loads its streams).
				await new Promise((resolve) => setTimeout(resolve, RECOVERY_RETRY_MS).unref());
			}
		}

		this.recovering = false;
	}
}

/**
 * A replica: the newest snapshot (if any), then the log after it, read by a follower that
 * goes on reading (each entry past the snapshot to `route(replica)`). The entries the
 * snapshot holds that are still in the log are read for the guests' client ids only (not
 * in the replica). When the log was purged past the snapshot meanwhile (a newer snapshot
 * was taken), it starts again from that one.
 */
async function buildReplica(
	sources: Sources,
	route: (replica: Replica) => (entry: LogEntry, seq: number) => void,
	onGap: () => void,
): Promise<Built> {
	for (let attempt = 1; ; attempt++) {
		const snapshot = await sources.snapshots.newest().catch((error: unknown) => {
			if (attempt >= BUILD_TRIES) {
				throw error;
			}

			return 'again' as const;
		});
		if (snapshot === 'again') {
			continue;
		}

		const replica = snapshot ? openImage(snapshot.image, keyOption(sources.auditKey)) : newReplica(sources.auditKey);
		const from = snapshot?.seq ?? 0;
		const handle = route(replica);
		const follower = new LogFollower(
			sources.js,
			sources.jsm,
			(entry, seq) => {
				if (seq <= from) {
					readGuestIds(entry, sources.sentIds);
				} else {
					handle(entry, seq);
				}
			},
			{from, onGap},
		);
		try {
			const upTo = await follower.caughtUp;
			return {replica, follower, upTo: Math.max(upTo, from)};
		} catch (error) {
			await follower.stop().catch(() => undefined);
			replica.close();
			if (!(error instanceof LogGap) || attempt >= BUILD_TRIES) {
				throw error;
			}
		}
	}
}

function keyOption(auditKey: KeyObject | undefined): {auditKey?: KeyObject} {
	return auditKey ? {auditKey} : {};
}

/** The guests' client ids of an entry the replica holds already (from a snapshot). */
function readGuestIds(entry: LogEntry, sentIds: ClusterSentIds): void {
	for (const op of entry.ops) {
		if (op.op === 'guestClientId') {
			sentIds.read(op.user, op.clientId, op.reply);
		}
	}
}

/** An empty replica in memory; without a key of the operator's, its checkpoints are signed by one of this process. */
function newReplica(auditKey: KeyObject | undefined): Replica {
	return openStore(MEMORY, 'serve', keyOption(auditKey));
}

function apply(replica: Store, entry: LogEntry, ids: ClusterIds, sentIds: ClusterSentIds): void {
	for (const op of entry.ops) {
		applyOp(replica, op);
		if (op.op === 'guestClientId') {
			sentIds.read(op.user, op.clientId, op.reply);
		}

		if (op.op === 'group' || op.op === 'dm') {
			ids.observe(Number(op.message.id));
		}
	}
}

function slotKey(slot: number): string {
	return `slot-${slot}`;
}

/** The first free id slot, held with KV create() (one node per slot however many start at once). */
async function claimSlot(kv: KV, id: string): Promise<number> {
	for (let slot = 0; slot < SLOTS; slot++) {
		try {
			await kv.create(slotKey(slot), id);
			return slot;
		} catch {
			// Taken: the next.
		}
	}

	throw new ClusterJoinError(`all ${SLOTS} chat node slots are taken: at most ${SLOTS} chat nodes run at once.`);
}
