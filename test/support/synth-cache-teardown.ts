import { removeSynthCache } from "./synth-cache";

export default removeSynthCache;
