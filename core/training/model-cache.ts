import { loadModel, type LoadedModel } from '../ml/onnx-session';

/** A few open onnxruntime sessions, by model directory: loading a session costs milliseconds, a prediction microseconds. */
export class ModelCache {
  private readonly open = new Map<string, Promise<LoadedModel>>();
  constructor(private readonly max = 6) {}

  get(dir: string): Promise<LoadedModel> {
    let m = this.open.get(dir);
    if (!m) {
      m = loadModel(dir);
      m.catch(() => this.open.delete(dir));
      this.open.set(dir, m);
      if (this.open.size > this.max) this.forget(this.open.keys().next().value!);
    } else {
      this.open.delete(dir); // most recently used last
      this.open.set(dir, m);
    }
    return m;
  }

  forget(dir: string): void {
    const m = this.open.get(dir);
    this.open.delete(dir);
    void m?.then((x) => x.close()).catch(() => {});
  }
}
