import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { HEX_CREDENTIAL_TYPE } from './baseUrl';
import { clock } from './hexRequest';

/*
 * Status polls of every wait in this n8n process that use one credential share one schedule:
 * each poll takes the next free slot, slots are 60 / budget seconds apart, so 20 items (or 20
 * executions on one worker) waiting at once poll in turn instead of each on its own interval.
 * A 429 pushes the next free slot past Hex's Retry-After for all of them. Other processes (the
 * other workers of a queue-mode fleet) keep their own schedule.
 */

interface Schedule {
	nextSlot: number;
	/** No poll before this time: Hex answered 429 with Retry-After. */
	heldUntil: number;
}

const schedules = new Map<string, Schedule>();

/** Keyed by the credential's ID in n8n: waits of different workflows using it share its limit. */
function scheduleOf(context: IExecuteSingleFunctions): Schedule {
	const credential = context.getNode().credentials?.[HEX_CREDENTIAL_TYPE];
	const key = credential?.id ?? credential?.name ?? 'default';
	let schedule = schedules.get(key);
	if (!schedule) {
		schedule = { nextSlot: 0, heldUntil: 0 };
		schedules.set(key, schedule);
	}
	return schedule;
}

/**
 * Waits for this poll's slot in the credential's schedule (`perMinute` polls a minute). False,
 * at once and with no slot taken, when the next free slot is later than `notAfter`.
 */
export async function awaitPollSlot(
	context: IExecuteSingleFunctions,
	perMinute: number,
	notAfter: number,
	signal?: AbortSignal,
): Promise<boolean> {
	const schedule = scheduleOf(context);
	for (;;) {
		if (schedule.nextSlot > notAfter) return false;
		const now = clock.now();
		const slot = Math.max(now, schedule.nextSlot);
		schedule.nextSlot = slot + 60_000 / perMinute;
		await clock.pause(slot - now, signal);
		// A 429 that came in meanwhile holds every poll, slots taken before it included.
		if (signal?.aborted || schedule.heldUntil <= slot) return true;
	}
}

/** Hex said to wait (429 with Retry-After): no poll of this credential goes out before then. */
export function holdPolls(context: IExecuteSingleFunctions, waitMs: number): void {
	const schedule = scheduleOf(context);
	schedule.heldUntil = Math.max(schedule.heldUntil, clock.now() + waitMs);
	schedule.nextSlot = Math.max(schedule.nextSlot, schedule.heldUntil);
}
