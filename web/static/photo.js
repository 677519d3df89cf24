// Tepat's photo helpers: a house photo taken with the tablet's camera is shrunk on the device
// (longest side at most 1600 px, JPEG) before it is stored or sent, and named by the SHA-256 of
// its bytes. Called from web/src/local/photos.rs.

(() => {
  const MAX_SIDE = 1600;
  const MAX_BYTES = 2.5 * 1024 * 1024;

  window.tepatPhoto = {
    // The chosen photo as [jpegBytes, sha256Bytes, width, height], or undefined when none.
    async prepare(input) {
      const file = input.files && input.files[0];
      if (!file) return undefined;
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d').drawImage(bitmap, 0, 0, width, height);
      bitmap.close();
      let quality = 0.82;
      let blob;
      do {
        blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
        quality -= 0.12;
      } while (blob.size > MAX_BYTES && quality > 0.3);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return [bytes, hash, width, height];
    },
    // A musdes evidence file chosen in `input` as [bytes, sha256Bytes, name], or undefined when
    // none: a PDF as it is; a photo or scan shrunk like a house photo (a PNG becomes a JPEG).
    async evidence(input) {
      const file = input.files && input.files[0];
      if (!file) return undefined;
      if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        return [bytes, hash, file.name];
      }
      const [bytes, hash] = await this.prepare(input);
      return [bytes, hash, file.name.replace(/\.[^.]*$/, '') + '.jpg'];
    },
    // An object URL showing JPEG bytes (revoked by the caller).
    url(bytes) {
      return URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
    },
    revoke(url) { URL.revokeObjectURL(url); },
    // Any file chosen in `input` as it is, as [bytes, sha256Bytes, name], or undefined when
    // none (an import spreadsheet).
    async file(input) {
      const file = input.files && input.files[0];
      if (!file) return undefined;
      const bytes = new Uint8Array(await file.arrayBuffer());
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return [bytes, hash, file.name];
    },
  };
})();
