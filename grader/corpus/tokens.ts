/** The two special tokens of the lab corpora; no Brown word may equal either. */

/** Appended after every sentence. */
export const STOP = '<stop>';
/** Replaces every word outside the vocabulary. */
export const UNK = '<unk>';
