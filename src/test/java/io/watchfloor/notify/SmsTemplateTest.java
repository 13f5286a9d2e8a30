package io.watchfloor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Each content type escapes the values its own way, and a template that cannot work is refused when saved. */
@UnitTest
class SmsTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AWKWARD = "许东镇 \"泵站 3\" 水位超警\n请回复 a&b=c {phone} \\ 完";

  @Test
  void jsonValuesAreJsonStrings() throws Exception {
    SmsTemplate template = new SmsTemplate("application/json; charset=utf-8",
        "{\"mobiles\":[\"{phone}\"],\"content\":\"{text}\",\"sign\":\"区指挥中心\"}");

    String body = template.render("13800138000", AWKWARD);

    JsonNode tree = JSON.readTree(body);
    assertThat(tree.get("mobiles").get(0).asText()).isEqualTo("13800138000");
    assertThat(tree.get("content").asText()).as("the text, a {phone} in it left alone").isEqualTo(AWKWARD);
    assertThat(tree.get("sign").asText()).isEqualTo("区指挥中心");
    assertThat(body).contains("\\\"泵站 3\\\"").contains("\\n");
    assertThat(template.validate()).isEmpty();
  }

  @Test
  void formValuesAreUrlEncoded() {
    SmsTemplate template = new SmsTemplate("application/x-www-form-urlencoded",
        "account=wf&mobile={phone}&content={text}");

    String body = template.render("+86 138", AWKWARD);

    assertThat(body).startsWith("account=wf&mobile=%2B86+138&content=");
    assertThat(body.split("&")).hasSize(3);
    String content = body.substring(body.indexOf("content=") + "content=".length());
    assertThat(content).doesNotContain("\n", "\"", "&", "=");
    assertThat(URLDecoder.decode(content, StandardCharsets.UTF_8)).isEqualTo(AWKWARD);
    assertThat(template.validate()).isEmpty();
  }

  @Test
  void plainTextIsPutInAsItIs() {
    SmsTemplate template = new SmsTemplate("text/plain", "TO:{phone}\n{text}");

    assertThat(template.render("13800138000", AWKWARD)).isEqualTo("TO:13800138000\n" + AWKWARD);
    assertThat(template.validate()).isEmpty();
  }

  @Test
  void aJsonTemplateThatIsNotJsonWithATextInItIsRefused() {
    assertThat(new SmsTemplate("application/json", "{\"content\": {text}}").validate())
        .get().asString().contains("not valid JSON");
    assertThat(new SmsTemplate("application/json", "{\"content\": \"{text}\"").validate()).isPresent();
    assertThat(new SmsTemplate("application/json", "{\"to\":\"{phone}\",\"to\":\"x\",\"m\":\"{text}\"}").validate())
        .as("a duplicate key").isPresent();
    assertThat(new SmsTemplate("application/vnd.gateway+json", "{\"to\":{phone},\"m\":\"{text}\"}").validate())
        .as("an unquoted phone is a JSON number").isEmpty();
  }

  @Test
  void aTemplateWithoutTheTextOrOfAnUnknownTypeIsRefused() {
    assertThat(new SmsTemplate("application/json", "{\"to\":\"{phone}\"}").validate()).get().asString()
        .contains("{text}");
    assertThat(new SmsTemplate("application/xml", "<sms>{text}</sms>").validate()).get().asString()
        .contains("application/xml");
  }
}
