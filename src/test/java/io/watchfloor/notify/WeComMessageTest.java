package io.watchfloor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** WeCom's body, and its content cut to 4,096 UTF-8 bytes without breaking a character. */
@UnitTest
class WeComMessageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theBodyIsMarkdownWithItsContent() throws Exception {
    String body = WeComMessage.markdown("**许东镇** 水位超警\n[查看](https://example.test/a/1)").body();

    JsonNode tree = JSON.readTree(body);
    assertThat(tree.fieldNames()).toIterable().containsExactly("msgtype", "markdown");
    assertThat(tree.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(tree.get("markdown").fieldNames()).toIterable().containsExactly("content");
    assertThat(tree.get("markdown").get("content").asText()).isEqualTo("**许东镇** 水位超警\n[查看](https://example.test/a/1)");
  }

  @Test
  void contentThatFitsIsKeptWhole() {
    String exactly = "镇".repeat(1365) + "a";
    assertThat(bytes(exactly)).isEqualTo(4096);
    assertThat(WeComMessage.markdown(exactly).content()).isEqualTo(exactly);
  }

  @Test
  void aLongChineseLineIsCutBetweenCharactersWithTheMarkerCounted() {
    String text = "水位超警戒线".repeat(400);
    String content = WeComMessage.markdown(text).content();

    assertThat(bytes(content)).isLessThanOrEqualTo(WeComMessage.MAX_CONTENT_BYTES).isEqualTo(4095);
    assertThat(content).endsWith("…");
    String head = content.substring(0, content.length() - 1);
    assertThat(text).startsWith(head);
    assertThat(head).hasSize(1364);
  }

  @Test
  void aCutInsideAnEmojiFallsBeforeIt() {
    String text = "a".repeat(4091) + "😀".repeat(5);
    String content = WeComMessage.markdown(text).content();

    assertThat(content).isEqualTo("a".repeat(4091) + "…");
    assertThat(new String(content.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(content);
    String emojis = "😀".repeat(2000);
    String cutEmojis = WeComMessage.markdown(emojis).content();
    assertThat(cutEmojis).isEqualTo("😀".repeat(1023) + "…");
    assertThat(bytes(cutEmojis)).isEqualTo(4095);
  }

  @Test
  void manyLinesAreCutAtTheLastLineBreakThatFits() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      text.append("- 02:").append(String.format("%02d", i % 60)).append(" 许东镇 泵站 ").append(i).append(" 号水位超警\n");
    }
    String content = WeComMessage.markdown(text.toString()).content();

    assertThat(bytes(content)).isLessThanOrEqualTo(4096);
    assertThat(content).endsWith("\n…");
    assertThat(text.toString()).startsWith(content.substring(0, content.length() - 1));
    String head = content.substring(0, content.length() - 1);
    String nextLine = text.substring(head.length(), text.indexOf("\n", head.length()) + 1);
    assertThat(bytes(head) + bytes(nextLine) + bytes("…")).as("the next whole line would not have fitted")
        .isGreaterThan(WeComMessage.MAX_CONTENT_BYTES);
  }

  @Test
  void aLineBreakEarlyInTheTextDoesNotEmptyTheMessage() {
    String text = "标题\n" + "水".repeat(3000);
    String content = WeComMessage.markdown(text).content();

    assertThat(bytes(content)).as("7 bytes of title, 1,362 characters of 3, the marker").isEqualTo(4096);
    assertThat(content).startsWith("标题\n水水").endsWith("水…");
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
