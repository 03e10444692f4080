import { deployOrder, promotionOrder } from "./deploy-order";

describe("rehearsal deploy order", () => {
  it("is the promotion order of environments/: dev, staging, prod (not alphabetical)", () => {
    expect(promotionOrder()).toEqual(["news-dev", "news-staging", "news-prod"]);
    expect(deployOrder(["news-dev", "news-prod", "news-staging"], promotionOrder())).toEqual(["news-dev", "news-staging", "news-prod"]);
  });

  it("keeps a selection in that order and puts stacks no environment file names last, by name", () => {
    expect(deployOrder(["news-prod", "news-pr2", "news-dev", "news-pr1"], ["news-dev", "news-staging", "news-prod"])).toEqual([
      "news-dev",
      "news-prod",
      "news-pr1",
      "news-pr2",
    ]);
  });
});
