package io.watchfloor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** DingTalk's body, and its signature recomputed here from the secret. */
@UnitTest
class DingTalkMessageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "SECexample-secret";
  private static final String ROBOT = "https://oapi.dingtalk.com/robot/send?access_token=abc123";

  @Test
  void theBodyIsMarkdownWithTitleAndText() throws Exception {
    JsonNode tree = JSON.readTree(new DingTalkMessage("许东镇 告警", "### 水位超警\n\"泵站 3\"").body());

    assertThat(tree.fieldNames()).toIterable().containsExactly("msgtype", "markdown");
    assertThat(tree.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(tree.get("markdown").fieldNames()).toIterable().containsExactly("title", "text");
    assertThat(tree.get("markdown").get("title").asText()).isEqualTo("许东镇 告警");
    assertThat(tree.get("markdown").get("text").asText()).isEqualTo("### 水位超警\n\"泵站 3\"");
  }

  @Test
  void theSignatureIsTheHmacOfTimestampAndSecretRecomputedHere() throws Exception {
    long timestamp = 1_765_072_860_123L;
    String url = DingTalkMessage.signedUrl(ROBOT, SECRET, timestamp);

    assertThat(url).startsWith(ROBOT + "&timestamp=1765072860123&sign=");
    String sign = url.substring(url.indexOf("&sign=") + "&sign=".length());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(Base64.getDecoder().decode(URLDecoder.decode(sign, StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  /**
   * Fixed vectors computed outside Java, with {@code openssl dgst -sha256 -hmac} and DingTalk's own Python
   * example ({@code urllib.parse.quote_plus(base64.b64encode(hmac_code))}); the second has the '+' and '/'
   * that must be percent-encoded. DingTalk's documentation gives its examples with the current time, not a vector.
   */
  @Test
  void theSignatureMatchesVectorsComputedWithOpenSsl() {
    assertThat(DingTalkMessage.sign(SECRET, 1_700_000_000_000L)).isEqualTo("0fkiC8KrRP8cNrqFxRls0ApmSoNm4LsTBQWMcJ9T5e0%3D");
    assertThat(DingTalkMessage.sign(SECRET, 1_700_000_000_004L)).isEqualTo("SUt6d%2BansddZiDNSByqbfGep94zmtsKP201Tb7Oxlqo%3D");
    assertThat(DingTalkMessage.sign(SECRET, 1_700_000_000_003L)).isEqualTo("SZNxAbtht%2FjH9Kw5IhJcx6zXl7fPpSMCNGAo32LrnTc%3D");
  }

  @Test
  void aUrlWithoutAQueryGetsOne() {
    assertThat(DingTalkMessage.signedUrl("http://127.0.0.1:9/robot", SECRET, 1_700_000_000_000L))
        .isEqualTo("http://127.0.0.1:9/robot?timestamp=1700000000000&sign=0fkiC8KrRP8cNrqFxRls0ApmSoNm4LsTBQWMcJ9T5e0%3D");
  }
}
