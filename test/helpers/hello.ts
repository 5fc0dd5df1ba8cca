/** The server's greeting, as every client gets it just before the reply to its first line. */
export const HELLO = 'HELLO 1 Welcome to chat. Register with SET_NAME <name>; HELP lists the commands.';
