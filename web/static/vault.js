// Tepat's vault: the tablet's copy of the user's scope, in IndexedDB, encrypted at rest.
//
// Every value is sealed with AES-GCM (a fresh 12-byte IV per write, the value's key as additional
// data so a sealed value cannot be moved to another key). The AES key is derived from the user's
// password with PBKDF2-SHA-256 and a per-user random salt; it is non-extractable and lives only in
// this page's memory, so a reload or a stolen tablet finds ciphertext and must be given the
// password again. A sealed "verifier" tells a wrong password from a right one.
//
// Two object stores: `meta` (clear: salt, verifier, offline deadline, the last user's name; no
// personal data) and `data` (sealed values under "<user>\u0000<key>"). The Rust side
// (web/src/local/vault.rs) is the only caller.

(() => {
  const DB_NAME = 'tepat-vault';
  const ITERATIONS = 210000;
  const VERIFIER = new TextEncoder().encode('tepat-vault-v1');
  const SEP = '\u0000';

  let opening = null;
  let session = null; // { user, key }

  const request = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

  const database = () => {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const r = indexedDB.open(DB_NAME, 1);
        r.onupgradeneeded = () => {
          r.result.createObjectStore('meta');
          r.result.createObjectStore('data');
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    }
    return opening;
  };

  // Runs `work(store)` in one transaction and resolves with its result once the transaction
  // committed (so a resolved write is durable).
  const transaction = async (name, mode, work) => {
    const db = await database();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(name, mode, { durability: 'strict' });
      let result;
      Promise.resolve(work(tx.objectStore(name))).then((value) => { result = value; }, reject);
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('transaksi dibatalkan'));
    });
  };

  const metaGet = (key) => transaction('meta', 'readonly', (s) => request(s.get(key)));
  const metaPut = (key, value) => transaction('meta', 'readwrite', (s) => { s.put(value, key); });

  const deriveKey = async (password, salt) => {
    const material = await crypto.subtle.importKey(
      'raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS },
      material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  };

  const seal = async (key, aad, bytes) => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const additionalData = new TextEncoder().encode(aad);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, bytes);
    return { iv, sealed };
  };

  const open = async (key, aad, box) => {
    const additionalData = new TextEncoder().encode(aad);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: box.iv, additionalData }, key, box.sealed);
    return new Uint8Array(plain);
  };

  const current = () => {
    if (!session) throw new Error('vault terkunci');
    return session;
  };
  const fullKey = (key) => current().user + SEP + key;

  window.tepatVault = {
    // Unlocks the user's vault. Answers 'ok', 'wrong' (the password does not open it), or
    // 'absent' (no vault for this user; created when `create`, answering 'created').
    async unlock(user, password, create) {
      const profile = await metaGet('user:' + user);
      if (!profile) {
        if (!create) return 'absent';
        const salt = crypto.getRandomValues(new Uint8Array(16));
        const key = await deriveKey(password, salt);
        const verifier = await seal(key, 'verifier', VERIFIER);
        await metaPut('user:' + user, { salt, verifier, offlineUntil: 0 });
        session = { user, key };
        return 'created';
      }
      const key = await deriveKey(password, profile.salt);
      try {
        await open(key, 'verifier', profile.verifier);
      } catch (_) {
        return 'wrong';
      }
      session = { user, key };
      return 'ok';
    },
    lock() { session = null; },
    isUnlocked() { return session !== null; },
    // Clear settings of a user (milliseconds until which the tablet may be opened offline).
    async offlineUntil(user) {
      const profile = await metaGet('user:' + user);
      return profile ? profile.offlineUntil : 0;
    },
    async setOfflineUntil(user, until) {
      const profile = await metaGet('user:' + user);
      if (profile) await metaPut('user:' + user, { ...profile, offlineUntil: until });
    },
    lastUser() { return metaGet('last-user').then((u) => u || ''); },
    setLastUser(user) { return metaPut('last-user', user); },
    async put(key, bytes) {
      const box = await seal(current().key, key, bytes);
      const k = fullKey(key);
      await transaction('data', 'readwrite', (s) => { s.put(box, k); });
    },
    // Writes many values in one transaction: all of them or none.
    async putMany(keys, values) {
      const boxes = [];
      for (let i = 0; i < keys.length; i++) boxes.push(await seal(current().key, keys[i], values[i]));
      const full = keys.map(fullKey);
      await transaction('data', 'readwrite', (s) => { full.forEach((k, i) => s.put(boxes[i], k)); });
    },
    async get(key) {
      const box = await transaction('data', 'readonly', (s) => request(s.get(fullKey(key))));
      return box ? open(current().key, key, box) : undefined;
    },
    // Every [key, bytes] whose key starts with `prefix`.
    async entries(prefix) {
      const start = fullKey(prefix);
      const range = IDBKeyRange.bound(start, start + '\uffff');
      const [keys, boxes] = await transaction('data', 'readonly', (s) =>
        Promise.all([request(s.getAllKeys(range)), request(s.getAll(range))]));
      const strip = current().user.length + 1;
      const out = [];
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i].slice(strip);
        out.push([key, await open(current().key, key, boxes[i])]);
      }
      return out;
    },
    remove(key) {
      const k = fullKey(key);
      return transaction('data', 'readwrite', (s) => { s.delete(k); });
    },
    // Deletes everything of `user` on this device: values, salt and verifier.
    async wipe(user) {
      const start = user + SEP;
      await transaction('data', 'readwrite', (s) => {
        s.delete(IDBKeyRange.bound(start, start + '\uffff'));
      });
      await transaction('meta', 'readwrite', (s) => { s.delete('user:' + user); });
      if (session && session.user === user) session = null;
    },
    // Moves `user`'s copy aside under "<user>~<time>" (its salt and verifier too): after the
    // password was changed elsewhere the new password cannot open it, and deleting it could lose
    // unsent work. Answers the archive's name, or '' when there was nothing to move.
    async archive(user) {
      const profile = await metaGet('user:' + user);
      if (!profile) return '';
      const name = user + '~' + Date.now();
      const start = user + SEP;
      const range = IDBKeyRange.bound(start, start + '\uffff');
      await transaction('data', 'readwrite', async (s) => {
        const [keys, values] = await Promise.all([request(s.getAllKeys(range)), request(s.getAll(range))]);
        keys.forEach((k, i) => s.put(values[i], name + SEP + k.slice(start.length)));
        s.delete(range);
      });
      await transaction('meta', 'readwrite', (s) => {
        s.put(profile, 'user:' + name);
        s.delete('user:' + user);
      });
      return name;
    },
    // The archives of `user` (see `archive`), oldest first.
    async archives(user) {
      const keys = await transaction('meta', 'readonly', (s) => request(s.getAllKeys()));
      return keys.filter((k) => k.startsWith('user:' + user + '~')).map((k) => k.slice(5)).sort();
    },
    // Reads one value of an archive with the password that sealed it, without touching the open
    // copy; throws on a wrong password.
    async readArchived(archive, password, key) {
      const profile = await metaGet('user:' + archive);
      if (!profile) throw new Error('arsip tidak ada');
      const sealedWith = await deriveKey(password, profile.salt);
      await open(sealedWith, 'verifier', profile.verifier);
      const box = await transaction('data', 'readonly', (s) => request(s.get(archive + SEP + key)));
      return box ? open(sealedWith, key, box) : undefined;
    },
    // Seals `bytes` for a backup file with the open user's key; the salt travels in the file so
    // the same password opens it on another device.
    async exportSeal(bytes) {
      const { user, key } = current();
      const profile = await metaGet('user:' + user);
      const box = await seal(key, 'export', bytes);
      return [new Uint8Array(profile.salt), box.iv, new Uint8Array(box.sealed)];
    },
    // Opens a backup file's sealed bytes with its owner's password; throws on a wrong one.
    async importOpen(password, salt, iv, sealed) {
      const key = await deriveKey(password, salt);
      return open(key, 'export', { iv, sealed });
    },
    // Offers `bytes` as a file download.
    download(name, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    // The bytes of the file chosen in a file input (undefined when none).
    async readChosen(input) {
      const file = input.files && input.files[0];
      return file ? new Uint8Array(await file.arrayBuffer()) : undefined;
    },
    // Asks the browser not to evict the vault under storage pressure; answers whether it agreed.
    async persist() {
      if (!navigator.storage || !navigator.storage.persist) return false;
      return navigator.storage.persist();
    },
  };
})();
