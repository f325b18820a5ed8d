/** Notes written back through a vendor API (partner results), kept for tests to inspect. */

export interface StoredNote {
  /** The vendor id the API returned for the note. */
  id: string;
  /** The neutral candidate the note is on. */
  candidateKey: string;
  /** The neutral application, when the vendor scopes notes to one. */
  applicationKey: string | null;
  body: string;
  /** `text/plain` or `text/html`. */
  contentType: string;
  visibility: string;
  authorKey: string | null;
  createdAt: number;
}

export class NoteStore {
  readonly notes: StoredNote[] = [];

  add(note: StoredNote): StoredNote {
    this.notes.push(note);
    return note;
  }

  of(candidateKey: string): StoredNote[] {
    return this.notes.filter((n) => n.candidateKey === candidateKey);
  }
}
