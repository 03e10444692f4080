/** Tag keys every resource of a preview carries: the CI preview role (ABAC) and the expiry job go by them. */
export const PREVIEW_TAG = "Preview";
/** YYYY-MM-DD after which the scheduled job destroys the preview. */
export const EXPIRES_TAG = "Expires";
