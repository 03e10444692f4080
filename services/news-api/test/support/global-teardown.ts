import { stopSharedServers } from "./shared-servers";

export default stopSharedServers;
