// Tags are shared between the entities of one object and copied only when one of them changes.
#include <gtest/gtest.h>

#include "kong/config.h"
#include "translate/tags.h"

namespace kic::kong {
namespace {

TEST(Tags, CopiesShareOneListUntilOneChanges) {
  const Tags service{"k8s-name:app", "k8s-namespace:default"};
  Tags upstream = service;
  EXPECT_EQ(upstream[0].data(), service[0].data()) << "a copy must not duplicate the list";

  upstream.push_back("k8s-named-route-rule:a");
  EXPECT_EQ(service.size(), 2u) << "changing a copy must leave the original alone";
  ASSERT_EQ(upstream.size(), 3u);
  EXPECT_EQ(upstream[2], "k8s-named-route-rule:a");
  EXPECT_FALSE(upstream == service);
  EXPECT_TRUE(Tags(std::vector<std::string>{"k8s-name:app", "k8s-namespace:default"}) == service);
}

TEST(Tags, EmptyTagsHaveNoItems) {
  Tags none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.begin(), none.end());
  none.push_back("x");
  EXPECT_EQ(none.ToVector(), std::vector<std::string>{"x"});
  EXPECT_TRUE(Tags(std::vector<std::string>{}).empty());
}

TEST(Tags, TagsForAnObjectAreKicsInKicsOrder) {
  kube::ObjectMeta meta;
  meta.name = "app";
  meta.namespace_ = "default";
  meta.annotations.Set("konghq.com/tags", "team-a, k8s-name:app ,");
  const Tags tags = translate::TagsFor(meta, "Service", "");
  EXPECT_EQ(tags.ToVector(), (std::vector<std::string>{"k8s-name:app", "k8s-namespace:default",
                                                       "k8s-kind:Service", "team-a"}));
}

}  // namespace
}  // namespace kic::kong
