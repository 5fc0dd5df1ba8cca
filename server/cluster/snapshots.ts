/**
 * Snapshots of the replica, so the log can be compacted: a snapshot is a replica's
 * SQLite image with the log sequence it covers (every entry up to it, none after), kept
 * in the KV bucket `chat-snapshots` as chunks under a NATS message's size (KV values are
 * NATS messages: 1 MB at most by default) and a pointer, `newest`, written last, so a
 * reader finds the whole of one snapshot or the one before. A node starts from the newest
 * snapshot and reads the log after it; the log below it can then be purged (cluster-node.ts).
 */
import type {KV} from '@nats-io/kv';

export const SNAPSHOTS_BUCKET = 'chat-snapshots';
const CHUNK_BYTES = 512 * 1024;
const POINTER = 'newest';

export interface Snapshot {
	/** The last log entry the image holds. */
	readonly seq: number;
	readonly image: Buffer;
}

interface Pointer {
	/** Names the snapshot's chunks: `<id>.<n>`. */
	readonly id: string;
	readonly seq: number;
	readonly chunks: number;
}

export class Snapshots {
	constructor(private readonly kv: KV) {}

	/** The newest snapshot, or undefined when none was taken. Throws when one is being replaced under the read (try again). */
	async newest(): Promise<Snapshot | undefined> {
		const pointer = await this.pointer();
		if (!pointer) {
			return undefined;
		}

		const chunks: Buffer[] = [];
		for (let index = 0; index < pointer.chunks; index++) {
			const chunk = await this.kv.get(`${pointer.id}.${index}`);
			if (chunk?.operation !== 'PUT') {
				throw new Error(`snapshot ${pointer.id} lost its chunk ${index} while it was read (a newer one replaced it)`);
			}

			chunks.push(Buffer.from(chunk.value));
		}

		return {seq: pointer.seq, image: Buffer.concat(chunks)};
	}

	/** The sequence the newest snapshot covers (0 for none). */
	async newestSeq(): Promise<number> {
		return (await this.pointer())?.seq ?? 0;
	}

	/** Stores a snapshot (its chunks, then the pointer) and lets the one it replaces go. */
	async save(id: string, snapshot: Snapshot): Promise<void> {
		const old = await this.pointer();
		const chunks = Math.max(1, Math.ceil(snapshot.image.length / CHUNK_BYTES));
		for (let index = 0; index < chunks; index++) {
			await this.kv.put(`${id}.${index}`, snapshot.image.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES));
		}

		await this.kv.put(POINTER, JSON.stringify({id, seq: snapshot.seq, chunks} satisfies Pointer));
		if (old && old.id !== id) {
			for (let index = 0; index < old.chunks; index++) {
				await this.kv.purge(`${old.id}.${index}`);
			}
		}
	}

	private async pointer(): Promise<Pointer | undefined> {
		const entry = await this.kv.get(POINTER);
		return entry?.operation === 'PUT' ? entry.json<Pointer>() : undefined;
	}
}
