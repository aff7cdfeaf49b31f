/** A file that cannot be read as what it claims to be: the API answers 422 with the reason. */
export class UnreadableFile extends Error {
  constructor(
    readonly reason: 'broken' | 'encrypted',
    message: string,
  ) {
    super(message);
  }
}
