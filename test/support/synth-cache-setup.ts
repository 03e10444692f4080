import { createSynthCache } from "./synth-cache";

export default createSynthCache;
