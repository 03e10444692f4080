import { startSharedServers } from "./shared-servers";

export default startSharedServers;
