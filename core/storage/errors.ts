/** A database that cannot be opened or trusted. The host reports it rather than crashing. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'unavailable' | 'too-new',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}
