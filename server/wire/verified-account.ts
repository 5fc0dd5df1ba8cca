/**
 * An account whose owner the server proved before the connection existed: an SSH key
 * checked by server/ssh/. Only an in-process attachment to the edge carries one
 * (Edge.accept's second argument, never the listener); no line a client sends sets it.
 */
export interface VerifiedAccount {
	/** The account's name. */
	readonly account: string;
	/** The fingerprint of the key that proved it (SHA256:...), for the log and the welcome. */
	readonly fingerprint: string;
	/** The account was made for this key just now (trust on first use): the welcome says so. */
	readonly firstUse: boolean;
}

/** Said when the key no longer logs in to the account (the operator removed the key, or the account, since it was checked). */
export function keyNoLongerLogsIn({account, fingerprint}: VerifiedAccount): string {
	return `The SSH key ${fingerprint} no longer logs in to ${account}.`;
}
