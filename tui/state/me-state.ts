/** Who the user is to the server. */
export interface MeState {
	/** The name the server registered us under; undefined until the first registration, kept across reconnects. */
	readonly name: string | undefined;
	/** Registered on the current connection. */
	readonly registered: boolean;
	/** The name to register with (from --name or typed); re-used on every reconnect. */
	readonly wantedName: string | undefined;
	/** The view shows a name prompt: no name was given, or the server refused it. */
	readonly askingName: boolean;
	/** Why the last name was refused, to show above the prompt. */
	readonly nameProblem: string | undefined;
	/** The group the server has us in, as the server spells it; undefined until registered. */
	readonly group: string | undefined;
}
