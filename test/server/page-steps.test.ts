/**
 * Pages with PageSteps (a cluster's node): a step that falls due runs only when this
 * server claims it; one that loses the claim looks again after STEP_RETRY_MS (the
 * holder may have died); a page changed elsewhere moves its timer, and a step another
 * server took already is not taken again.
 */
import test from 'ava';
import {Chat} from '../../server/chat/chat.js';
import type {PageStage} from '../../server/chat/page-store.js';
import {Pages, STEP_RETRY_MS, type PageSteps} from '../../server/chat/pages.js';
import {Receipts} from '../../server/chat/receipts.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {eagerStore} from '../helpers/store.js';

/** Claims the test answers by hand, in the order they were asked. */
class HeldSteps implements PageSteps {
	readonly asked: Array<{readonly id: number; readonly stage: PageStage; readonly answer: (won: boolean) => void}> = [];
	refresh: ((id: number) => void) | undefined;

	claim(id: number, stage: PageStage): Promise<boolean> {
		return new Promise((answer) => this.asked.push({id, stage, answer}));
	}

	watch(refresh: (id: number) => void): void {
		this.refresh = refresh;
	}
}

/** Lets the claim's answer reach Pages (a promise's callbacks run after the current job). */
const answered = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
	const scheduler = new ManualScheduler();
	const clock = () => new Date(scheduler.now());
	const store = eagerStore();
	const chat = new Chat({store, clock});
	const steps = new HeldSteps();
	const pages = new Pages({chat, receipts: new Receipts(chat, clock), scheduler, clock, timeoutMs: 60_000, steps});
	const [alicePeer, bobPeer] = [new MemoryPeer(), new MemoryPeer()];
	const alice = chat.register(alicePeer, 'alice', 's1');
	const bob = chat.register(bobPeer, 'bob', 's2');
	if (!alice.ok || !bob.ok) {
		throw new Error('registration failed');
	}

	const sent = pages.send(alice.value, {user: 'bob'}, 'Bed 4');
	if (!sent.ok) {
		throw new Error('the page was not sent');
	}

	bobPeer.take();
	return {scheduler, store, steps, bobPeer, id: sent.value.page.id};
}

test('a step runs only once claimed; a lost claim is tried again after STEP_RETRY_MS', async (t) => {
	const {scheduler, store, steps, bobPeer, id} = setup();
	scheduler.advance(60_000);
	t.deepEqual(
		steps.asked.map(({id, stage}) => [id, stage]),
		[[id, 0]],
	);
	steps.asked[0]!.answer(false);
	await answered();
	t.deepEqual(bobPeer.take(), []);
	t.deepEqual(scheduler.pendingDelays, [STEP_RETRY_MS]);

	scheduler.advance(STEP_RETRY_MS);
	t.deepEqual(
		steps.asked.map(({id, stage}) => [id, stage]),
		[
			[id, 0],
			[id, 0],
		],
	);
	steps.asked[1]!.answer(true);
	await answered();
	// The re-send's lines go out once its writes commit.
	store.flush();
	t.regex(bobPeer.take().join('\n'), new RegExp(`^@page;resend DM ${id} \\S+ alice bob Bed 4$`));
	// The next step is due a timeout after the re-send.
	t.deepEqual(scheduler.pendingDelays, [60_000]);
});

test('a page changed elsewhere moves its timer; a step taken elsewhere is not taken again', async (t) => {
	const {scheduler, store, steps, bobPeer, id} = setup();
	// Another server re-sent it 10 s early: the next step is a timeout after that.
	scheduler.advance(50_000);
	store.pages.setStage(id, 1, scheduler.now() + 60_000);
	steps.refresh!(id);
	t.deepEqual(scheduler.pendingDelays, [60_000]);

	// This server claims stage 1 but its store says stage 2 by the time the answer comes: nothing is sent.
	scheduler.advance(60_000);
	t.deepEqual(steps.asked.at(-1)?.stage, 1);
	store.pages.setStage(id, 2, scheduler.now() + 60_000);
	steps.asked.at(-1)!.answer(true);
	await answered();
	store.flush();
	t.deepEqual(bobPeer.take(), []);
	t.deepEqual(scheduler.pendingDelays, [60_000]);

	// Answered elsewhere: no timer is left.
	store.pages.setStage(id, 2, undefined);
	steps.refresh!(id);
	t.is(scheduler.pending, 0);
});
